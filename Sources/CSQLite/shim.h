#ifndef BARWISE_CSQLITE_SHIM_H
#define BARWISE_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import; bind calls pass this instead.
static inline sqlite3_destructor_type barwise_sqlite_transient(void) { return SQLITE_TRANSIENT; }
static inline sqlite3_destructor_type barwise_sqlite_static(void) { return SQLITE_STATIC; }
#endif
