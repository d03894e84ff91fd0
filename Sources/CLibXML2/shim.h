// libxml2's HTML parser (for web pages) and XML parser (for RSS and Atom feeds),
// resolved through pkg-config (libxml-2.0). Only NewsIngest imports this module.
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
