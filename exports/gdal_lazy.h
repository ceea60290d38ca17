/* The lazy binding of GDAL (gdal_lazy.c): the geomap executable does not
 * link libgdal; it defines the GDAL functions it calls (gdal_symbols.h) as
 * stubs that load libgdal with dlopen on the first call of any of them.
 * A run that writes no OGR format (GeoJSONSeq through geojsonseq.c,
 * --version, --formats) thus never pays for binding GDAL and its hundred
 * or so libraries, nor for their static initialisers. Test programs that
 * call GDAL themselves link libgdal instead and do not use this file. */
#ifndef GM_EXPORTS_GDAL_LAZY_H
#define GM_EXPORTS_GDAL_LAZY_H

#include <stdbool.h>

/* The exit status when libgdal cannot be loaded (a broken installation):
 * the CLI's "cannot go on", since the load comes before any output is
 * made. */
#define GM_GDAL_LAZY_EXIT 3

/* Whether libgdal has been loaded by a call through a stub. Thread-safe. */
bool gm_gdal_loaded(void);

/* The name dlopen is given: GDAL's SONAME (libgdal.so.32), or the full path
 * of the library CMake found when it is not in a directory the dynamic
 * loader searches. Borrowed, static. */
const char *gm_gdal_library(void);

#endif
