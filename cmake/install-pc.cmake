# install-pc.cmake — writes plimsoll.pc at install time, for the prefix actually installed
# into (`cmake --install build --prefix DIR` may differ from the configured one). DESTDIR is
# not part of the prefix: a staged install keeps the paths of its final place.
# Expects PL_PC_IN, PL_PC_OUT, PROJECT_VERSION, PL_PC_REQUIRES, PL_LIBDIR, PL_INCLUDEDIR.
set(PL_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
foreach(kind LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${PL_${kind}}")
    set(PL_PC_${kind} "${PL_${kind}}")
  else()
    set(PL_PC_${kind} "\${prefix}/${PL_${kind}}")
  endif()
endforeach()
configure_file("${PL_PC_IN}" "${PL_PC_OUT}" @ONLY)
