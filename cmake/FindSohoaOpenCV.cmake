# Debian splits OpenCV into per-module -dev packages; only the meta package
# libopencv-dev (which pulls in VTK, Qt, ...) ships OpenCVConfig.cmake. We need four
# modules, so build imported targets opencv_<module> from the headers and libraries.
find_path(SohoaOpenCV_INCLUDE_DIR opencv2/core.hpp PATH_SUFFIXES opencv4 REQUIRED)
set(SohoaOpenCV_FOUND TRUE)
foreach(module IN LISTS SohoaOpenCV_FIND_COMPONENTS)
  find_library(SohoaOpenCV_${module}_LIBRARY opencv_${module})
  if(NOT SohoaOpenCV_${module}_LIBRARY)
    set(SohoaOpenCV_FOUND FALSE)
    message(SEND_ERROR "OpenCV module ${module} not found: install libopencv-${module}-dev")
    continue()
  endif()
  if(NOT TARGET opencv_${module})
    add_library(opencv_${module} UNKNOWN IMPORTED)
    set_target_properties(opencv_${module} PROPERTIES
      IMPORTED_LOCATION ${SohoaOpenCV_${module}_LIBRARY}
      INTERFACE_INCLUDE_DIRECTORIES ${SohoaOpenCV_INCLUDE_DIR})
  endif()
endforeach()
