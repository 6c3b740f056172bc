#pragma once
// Keeps Tesseract's OpenMP loops on the calling thread. Internal to ocr/.
//
// Debian's libtesseract5 links libgomp and runs its LSTM loops with
// num_threads(4..10); on a 2-core machine with one engine per worker the teams'
// spin-waiting makes recognition several times slower. OMP_THREAD_LIMIT=1 would
// fix it, but libgomp reads its environment in a load-time constructor, before
// any code of ours runs, so setting the variable at run time has no effect.
// Instead we set the max-active-levels ICV to 0 on each thread that runs
// Tesseract: every parallel region then runs inactive, with one thread. OpenCV
// on Debian uses TBB, not OpenMP, so nothing else is affected.
namespace sohoa::ocr {

// Idempotent and cheap; call on the thread about to run Tesseract.
void limit_openmp_to_calling_thread();

// True when limit_openmp_to_calling_thread() is in force on this thread (or
// when Tesseract was built without OpenMP).
bool openmp_limited_on_this_thread();

} // namespace sohoa::ocr
