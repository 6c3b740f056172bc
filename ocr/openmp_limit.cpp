#include "openmp_limit.hpp"
#ifdef SOHOA_OCR_OPENMP
#include <omp.h>
#endif

namespace sohoa::ocr {

void limit_openmp_to_calling_thread() {
#ifdef SOHOA_OCR_OPENMP
  if (omp_get_max_active_levels() != 0) {
    omp_set_max_active_levels(0);
  }
#endif
}

bool openmp_limited_on_this_thread() {
#ifdef SOHOA_OCR_OPENMP
  return omp_get_max_active_levels() == 0;
#else
  return true;
#endif
}

} // namespace sohoa::ocr
