// Only here so that SwiftPM resolves libxml2's compiler and linker flags through
// pkg-config (libxml-2.0). Swift code imports CXML, never this module: libxml2's
// parser headers include ICU's, which clash with Foundation's copy of ICU.
#include <libxml/xmlversion.h>
