/* GET /tiles/{layer}/{z}/{x}/{y}.pbf from an MBTiles --data: the tile is
 * read from the SQLite file as stored (MBTiles rows count from the south,
 * TMS: row = 2^z - 1 - y) and sent as is; GDAL writes it gzip-compressed,
 * hence Content-Encoding: gzip when the bytes start with gzip's magic.
 * Other --data give no tiles (a 404 that says to draw the GeoJSON): README.md.
 * The file is opened once, read-only, in SQLite's serialized mode, and
 * each request prepares its own statement. */
#include "serve/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/alloc.h"

#define MAX_ZOOM 30

struct gm_srv_tiles {
    sqlite3 *db;
};

static bool is_mbtiles(const char *path)
{
    size_t n = strlen(path);
    if (n >= 8 && strcmp(path + n - 8, ".mbtiles") == 0)
        return true;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char magic[16] = { 0 };
    bool sqlite = fread(magic, 1, sizeof magic, f) == sizeof magic &&
                  memcmp(magic, "SQLite format 3", 16) == 0;
    fclose(f);
    if (!sqlite)
        return false;
    /* a SQLite file: MBTiles when it has the tiles table (not a GPKG) */
    sqlite3 *db = NULL;
    bool tiles = false;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE name = "
                                   "'tiles' AND NOT EXISTS (SELECT 1 FROM "
                                   "sqlite_master WHERE name = "
                                   "'gpkg_contents')",
                               -1, &q, NULL) == SQLITE_OK)
            tiles = sqlite3_step(q) == SQLITE_ROW;
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return tiles;
}

gm_status gm_srv_tiles_open(const char *path, gm_srv_tiles **out,
                            gm_error *err)
{
    *out = NULL;
    if (!path || !is_mbtiles(path))
        return GM_OK;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX,
                        NULL) != SQLITE_OK) {
        gm_status st = gm_err_set(err, GM_E_IO, path, 0,
                                  "cannot open as MBTiles: %s",
                                  db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return st;
    }
    gm_srv_tiles *t = gm_xcalloc(1, sizeof *t);
    t->db = db;
    *out = t;
    return GM_OK;
}

void gm_srv_tiles_close(gm_srv_tiles *t)
{
    if (!t)
        return;
    sqlite3_close(t->db);
    free(t);
}

/* A decimal number of at most 10 digits ending at '/' or at end_ch;
 * advances *s past it. */
static bool number(const char **s, char end_ch, long *out)
{
    char *end;
    if (**s < '0' || **s > '9')
        return false;
    errno = 0;
    long v = strtol(*s, &end, 10);
    if (errno || end - *s > 10 || *end != end_ch)
        return false;
    *out = v;
    *s = end + 1;
    return true;
}

void gm_srv_tiles_get(const gm_srv *srv, const char *rest, gm_srv_reply *r)
{
    const char *slash = strchr(rest, '/');
    if (!slash || slash == rest || (size_t)(slash - rest) > 200)
        return gm_srv_reply_error(r, 404, "tile URLs are /tiles/LAYER/Z/X/Y.pbf");
    char layer[256];
    memcpy(layer, rest, (size_t)(slash - rest));
    layer[slash - rest] = '\0';
    const char *p = slash + 1;
    long z, x, y;
    if (!number(&p, '/', &z) || !number(&p, '/', &x) || !number(&p, '.', &y) ||
        strcmp(p, "pbf") != 0)
        return gm_srv_reply_error(r, 404, "tile URLs are /tiles/LAYER/Z/X/Y.pbf");
    if (!srv->tiles)
        return gm_srv_reply_error(r, 404, "no tiles: --data is not an MBTiles "
                                          "file; draw /layers/%s.geojson",
                                  layer);
    if (!gm_srv_layers_has(srv->layers, layer))
        return gm_srv_reply_error(r, 404, "no layer named '%s' in the tiles "
                                          "(GET /layers lists them)", layer);
    if (z > MAX_ZOOM || x >= (1L << z) || y >= (1L << z))
        return gm_srv_reply_error(r, 404, "no tile %ld/%ld/%ld: x and y run "
                                          "from 0 to 2^z - 1", z, x, y);
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(srv->tiles->db,
                           "SELECT tile_data FROM tiles WHERE zoom_level = ?1 "
                           "AND tile_column = ?2 AND tile_row = ?3",
                           -1, &q, NULL) != SQLITE_OK)
        return gm_srv_reply_error(r, 500, "cannot read the tiles: %s",
                                  sqlite3_errmsg(srv->tiles->db));
    sqlite3_bind_int64(q, 1, z);
    sqlite3_bind_int64(q, 2, x);
    sqlite3_bind_int64(q, 3, (1L << z) - 1 - y);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const void *data = sqlite3_column_blob(q, 0);
        size_t len = (size_t)sqlite3_column_bytes(q, 0);
        r->status = 200;
        r->content_type = "application/vnd.mapbox-vector-tile";
        r->body = gm_xmalloc(len ? len : 1);
        if (len)
            memcpy(r->body, data, len);
        r->len = len;
        if (len >= 2 && (unsigned char)r->body[0] == 0x1f &&
            (unsigned char)r->body[1] == 0x8b)
            r->encoding = "gzip";
    } else if (rc == SQLITE_DONE) {
        r->status = 204; /* empty space on the map, not an error */
    } else {
        gm_srv_reply_error(r, 500, "cannot read the tiles: %s",
                           sqlite3_errmsg(srv->tiles->db));
    }
    sqlite3_finalize(q);
}
