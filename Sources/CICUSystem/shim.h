// Only here so that SwiftPM resolves ICU's compiler and linker flags through
// pkg-config; Swift code imports CICU, never this module.
#include <unicode/utypes.h>
