/* The GDAL C API that geomap calls, one row per function: the list the lazy
 * binding (gdal_lazy.c) defines a stub for and looks up in libgdal. A row is
 * GM_GDAL_FN(return type, name, (parameters), (arguments)), or
 * GM_GDAL_VOID(name, (parameters), (arguments)) for a function that returns
 * nothing; the includer defines both. The prototypes are GDAL's own (the
 * includer has GDAL's headers, so the compiler checks each row against
 * them); none is variadic. A GDAL function the program starts to call needs
 * its row here, else the geomap executable does not link. No include guard:
 * included once per use, with other definitions of the two macros. */
GM_GDAL_VOID(CPLErrorReset, (void), ())
GM_GDAL_FN(void *, CPLGetErrorHandlerUserData, (void), ())
GM_GDAL_FN(const char *, CPLGetLastErrorMsg, (void), ())
GM_GDAL_FN(CPLErr, CPLGetLastErrorType, (void), ())
GM_GDAL_FN(const char *, CPLParseNameValue,
    (const char *a0, char **a1), (a0, a1))
GM_GDAL_VOID(CPLPopErrorHandler, (void), ())
GM_GDAL_VOID(CPLPushErrorHandler, (CPLErrorHandler a0), (a0))
GM_GDAL_VOID(CPLPushErrorHandlerEx, (CPLErrorHandler a0, void *a1), (a0, a1))
GM_GDAL_VOID(CPLQuietErrorHandler,
    (CPLErr a0, CPLErrorNum a1, const char *a2), (a0, a1, a2))
GM_GDAL_FN(bool, CPLTestBool, (const char *a0), (a0))
GM_GDAL_VOID(CSLDestroy, (char **a0), (a0))
GM_GDAL_FN(char **, CSLDuplicate, (CSLConstList a0), (a0))
GM_GDAL_FN(const char *, CSLFetchNameValue,
    (CSLConstList a0, const char *a1), (a0, a1))
GM_GDAL_FN(char **, CSLSetNameValue,
    (char **a0, const char *a1, const char *a2), (a0, a1, a2))
GM_GDAL_VOID(GDALAllRegister, (void), ())
GM_GDAL_VOID(GDALClose, (GDALDatasetH a0), (a0))
GM_GDAL_FN(GDALDatasetH, GDALCreate,
    (GDALDriverH a0, const char *a1, int a2, int a3, int a4,
    GDALDataType a5, CSLConstList a6), (a0, a1, a2, a3, a4, a5, a6))
GM_GDAL_FN(OGRErr, GDALDatasetCommitTransaction, (GDALDatasetH a0), (a0))
GM_GDAL_FN(OGRLayerH, GDALDatasetCopyLayer,
    (GDALDatasetH a0, OGRLayerH a1, const char *a2, CSLConstList a3),
    (a0, a1, a2, a3))
GM_GDAL_FN(OGRLayerH, GDALDatasetCreateLayer,
    (GDALDatasetH a0, const char *a1, OGRSpatialReferenceH a2,
    OGRwkbGeometryType a3, CSLConstList a4), (a0, a1, a2, a3, a4))
GM_GDAL_FN(OGRLayerH, GDALDatasetGetLayer, (GDALDatasetH a0, int a1), (a0, a1))
GM_GDAL_FN(OGRLayerH, GDALDatasetGetLayerByName,
    (GDALDatasetH a0, const char *a1), (a0, a1))
GM_GDAL_FN(int, GDALDatasetGetLayerCount, (GDALDatasetH a0), (a0))
GM_GDAL_FN(OGRErr, GDALDatasetRollbackTransaction, (GDALDatasetH a0), (a0))
GM_GDAL_FN(OGRErr, GDALDatasetStartTransaction,
    (GDALDatasetH a0, int a1), (a0, a1))
GM_GDAL_FN(int, GDALDatasetTestCapability,
    (GDALDatasetH a0, const char *a1), (a0, a1))
GM_GDAL_FN(GDALDriverH, GDALGetDriverByName, (const char *a0), (a0))
GM_GDAL_FN(GDALDatasetH, GDALOpenEx,
    (const char *a0, unsigned int a1, const char *const *a2,
    const char *const *a3, const char *const *a4), (a0, a1, a2, a3, a4))
GM_GDAL_FN(GDALDatasetH, GDALVectorTranslate,
    (const char *a0, GDALDatasetH a1, int a2, GDALDatasetH *a3,
    const GDALVectorTranslateOptions *a4, int *a5), (a0, a1, a2, a3, a4,
    a5))
GM_GDAL_VOID(GDALVectorTranslateOptionsFree,
    (GDALVectorTranslateOptions *a0), (a0))
GM_GDAL_FN(GDALVectorTranslateOptions *, GDALVectorTranslateOptionsNew,
    (char **a0, GDALVectorTranslateOptionsForBinary *a1), (a0, a1))
GM_GDAL_VOID(OCTDestroyCoordinateTransformation,
    (OGRCoordinateTransformationH a0), (a0))
GM_GDAL_FN(OGRCoordinateTransformationH, OCTNewCoordinateTransformation,
    (OGRSpatialReferenceH a0, OGRSpatialReferenceH a1), (a0, a1))
GM_GDAL_FN(int, OCTTransformEx,
    (OGRCoordinateTransformationH a0, int a1, double *a2, double *a3,
    double *a4, int *a5), (a0, a1, a2, a3, a4, a5))
GM_GDAL_FN(const char *, OGRGeometryTypeToName, (OGRwkbGeometryType a0), (a0))
GM_GDAL_FN(int, OGR_FD_GetFieldCount, (OGRFeatureDefnH a0), (a0))
GM_GDAL_FN(OGRFieldDefnH, OGR_FD_GetFieldDefn,
    (OGRFeatureDefnH a0, int a1), (a0, a1))
GM_GDAL_FN(int, OGR_FD_GetFieldIndex,
    (OGRFeatureDefnH a0, const char *a1), (a0, a1))
GM_GDAL_FN(OGRFeatureH, OGR_F_Create, (OGRFeatureDefnH a0), (a0))
GM_GDAL_VOID(OGR_F_Destroy, (OGRFeatureH a0), (a0))
GM_GDAL_FN(GIntBig, OGR_F_GetFID, (OGRFeatureH a0), (a0))
GM_GDAL_FN(int, OGR_F_GetFieldAsDateTimeEx,
    (OGRFeatureH a0, int a1, int *a2, int *a3, int *a4, int *a5,
    int *a6, float *a7, int *a8), (a0, a1, a2, a3, a4, a5, a6, a7, a8))
GM_GDAL_FN(double, OGR_F_GetFieldAsDouble, (OGRFeatureH a0, int a1), (a0, a1))
GM_GDAL_FN(GIntBig, OGR_F_GetFieldAsInteger64,
    (OGRFeatureH a0, int a1), (a0, a1))
GM_GDAL_FN(const char *, OGR_F_GetFieldAsString,
    (OGRFeatureH a0, int a1), (a0, a1))
GM_GDAL_FN(OGRFieldDefnH, OGR_F_GetFieldDefnRef,
    (OGRFeatureH a0, int a1), (a0, a1))
GM_GDAL_FN(int, OGR_F_GetFieldIndex,
    (OGRFeatureH a0, const char *a1), (a0, a1))
GM_GDAL_FN(OGRGeometryH, OGR_F_GetGeometryRef, (OGRFeatureH a0), (a0))
GM_GDAL_FN(int, OGR_F_IsFieldSetAndNotNull, (OGRFeatureH a0, int a1), (a0, a1))
GM_GDAL_FN(OGRErr, OGR_F_SetFID, (OGRFeatureH a0, GIntBig a1), (a0, a1))
GM_GDAL_VOID(OGR_F_SetFieldDateTime,
    (OGRFeatureH a0, int a1, int a2, int a3, int a4, int a5, int a6,
    int a7, int a8), (a0, a1, a2, a3, a4, a5, a6, a7, a8))
GM_GDAL_VOID(OGR_F_SetFieldDouble,
    (OGRFeatureH a0, int a1, double a2), (a0, a1, a2))
GM_GDAL_VOID(OGR_F_SetFieldInteger,
    (OGRFeatureH a0, int a1, int a2), (a0, a1, a2))
GM_GDAL_VOID(OGR_F_SetFieldInteger64,
    (OGRFeatureH a0, int a1, GIntBig a2), (a0, a1, a2))
GM_GDAL_VOID(OGR_F_SetFieldNull, (OGRFeatureH a0, int a1), (a0, a1))
GM_GDAL_VOID(OGR_F_SetFieldString,
    (OGRFeatureH a0, int a1, const char *a2), (a0, a1, a2))
GM_GDAL_FN(OGRErr, OGR_F_SetGeometryDirectly,
    (OGRFeatureH a0, OGRGeometryH a1), (a0, a1))
GM_GDAL_FN(OGRGeometryH, OGR_F_StealGeometry, (OGRFeatureH a0), (a0))
GM_GDAL_FN(OGRFieldDefnH, OGR_Fld_Create,
    (const char *a0, OGRFieldType a1), (a0, a1))
GM_GDAL_VOID(OGR_Fld_Destroy, (OGRFieldDefnH a0), (a0))
GM_GDAL_FN(const char *, OGR_Fld_GetNameRef, (OGRFieldDefnH a0), (a0))
GM_GDAL_FN(OGRFieldType, OGR_Fld_GetType, (OGRFieldDefnH a0), (a0))
GM_GDAL_VOID(OGR_Fld_SetDefault, (OGRFieldDefnH a0, const char *a1), (a0, a1))
GM_GDAL_VOID(OGR_Fld_SetSubType,
    (OGRFieldDefnH a0, OGRFieldSubType a1), (a0, a1))
GM_GDAL_VOID(OGR_Fld_SetWidth, (OGRFieldDefnH a0, int a1), (a0, a1))
GM_GDAL_FN(OGRwkbGeometryType, OGR_GT_Flatten, (OGRwkbGeometryType a0), (a0))
GM_GDAL_FN(OGRGeometryH, OGR_G_CreateGeometry, (OGRwkbGeometryType a0), (a0))
GM_GDAL_FN(int, OGR_G_GetGeometryCount, (OGRGeometryH a0), (a0))
GM_GDAL_FN(OGRGeometryH, OGR_G_GetGeometryRef,
    (OGRGeometryH a0, int a1), (a0, a1))
GM_GDAL_FN(OGRwkbGeometryType, OGR_G_GetGeometryType, (OGRGeometryH a0), (a0))
GM_GDAL_FN(double, OGR_G_GetX, (OGRGeometryH a0, int a1), (a0, a1))
GM_GDAL_FN(double, OGR_G_GetY, (OGRGeometryH a0, int a1), (a0, a1))
GM_GDAL_FN(int, OGR_G_IsEmpty, (OGRGeometryH a0), (a0))
GM_GDAL_VOID(OGR_G_SetPoint_2D,
    (OGRGeometryH a0, int a1, double a2, double a3), (a0, a1, a2, a3))
GM_GDAL_FN(OGRErr, OGR_L_CreateFeature,
    (OGRLayerH a0, OGRFeatureH a1), (a0, a1))
GM_GDAL_FN(OGRErr, OGR_L_CreateField,
    (OGRLayerH a0, OGRFieldDefnH a1, int a2), (a0, a1, a2))
GM_GDAL_FN(OGRErr, OGR_L_DeleteFeature, (OGRLayerH a0, GIntBig a1), (a0, a1))
GM_GDAL_FN(OGRErr, OGR_L_GetExtent,
    (OGRLayerH a0, OGREnvelope *a1, int a2), (a0, a1, a2))
GM_GDAL_FN(const char *, OGR_L_GetFIDColumn, (OGRLayerH a0), (a0))
GM_GDAL_FN(GIntBig, OGR_L_GetFeatureCount, (OGRLayerH a0, int a1), (a0, a1))
GM_GDAL_FN(OGRwkbGeometryType, OGR_L_GetGeomType, (OGRLayerH a0), (a0))
GM_GDAL_FN(const char *, OGR_L_GetGeometryColumn, (OGRLayerH a0), (a0))
GM_GDAL_FN(OGRFeatureDefnH, OGR_L_GetLayerDefn, (OGRLayerH a0), (a0))
GM_GDAL_FN(const char *, OGR_L_GetName, (OGRLayerH a0), (a0))
GM_GDAL_FN(OGRFeatureH, OGR_L_GetNextFeature, (OGRLayerH a0), (a0))
GM_GDAL_FN(OGRSpatialReferenceH, OGR_L_GetSpatialRef, (OGRLayerH a0), (a0))
GM_GDAL_VOID(OGR_L_ResetReading, (OGRLayerH a0), (a0))
GM_GDAL_FN(OGRSpatialReferenceH, OSRClone, (OGRSpatialReferenceH a0), (a0))
GM_GDAL_VOID(OSRDestroySpatialReference, (OGRSpatialReferenceH a0), (a0))
GM_GDAL_FN(const char *, OSRGetName, (OGRSpatialReferenceH a0), (a0))
GM_GDAL_FN(OGRErr, OSRImportFromEPSG,
    (OGRSpatialReferenceH a0, int a1), (a0, a1))
GM_GDAL_FN(int, OSRIsGeographic, (OGRSpatialReferenceH a0), (a0))
GM_GDAL_FN(int, OSRIsSameEx,
    (OGRSpatialReferenceH a0, OGRSpatialReferenceH a1,
    const char *const *a2), (a0, a1, a2))
GM_GDAL_FN(int, OSRIsSameGeogCS,
    (OGRSpatialReferenceH a0, OGRSpatialReferenceH a1), (a0, a1))
GM_GDAL_FN(OGRSpatialReferenceH, OSRNewSpatialReference,
    (const char *a0), (a0))
GM_GDAL_VOID(OSRRelease, (OGRSpatialReferenceH a0), (a0))
GM_GDAL_VOID(OSRSetAxisMappingStrategy,
    (OGRSpatialReferenceH a0, OSRAxisMappingStrategy a1), (a0, a1))
GM_GDAL_FN(OGRErr, OSRSetFromUserInput,
    (OGRSpatialReferenceH a0, const char *a1), (a0, a1))
GM_GDAL_FN(OGRErr, OSRSetWellKnownGeogCS,
    (OGRSpatialReferenceH a0, const char *a1), (a0, a1))
GM_GDAL_VOID(VSIFree, (void *a0), (a0))
GM_GDAL_FN(GByte *, VSIGetMemFileBuffer,
    (const char *a0, vsi_l_offset *a1, int a2), (a0, a1, a2))
