#ifndef BARWISE_CLINEARALGEBRA_SHIM_H
#define BARWISE_CLINEARALGEBRA_SHIM_H
/* Debian's lapacke.h needs these before inclusion so that complex types are plain structs
   Swift can import; lapack_int stays a macro (Int32 on Swift's side). */
#define HAVE_LAPACK_CONFIG_H
#define LAPACK_COMPLEX_STRUCTURE
#include <cblas.h>
#include <lapacke.h>
#endif
