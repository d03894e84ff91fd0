#include "cxml.h"
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

const void *cxml_parse_html(const char *utf8, int length) {
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT;
    return htmlReadMemory(utf8, length, NULL, "UTF-8", options);
}

const void *cxml_parse_xml(const char *utf8, int length) {
    int options = XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET | XML_PARSE_COMPACT
        | XML_PARSE_HUGE;
    return xmlReadMemory(utf8, length, NULL, "UTF-8", options);
}

void cxml_free(const void *document) { xmlFreeDoc((xmlDocPtr)document); }

const void *cxml_first_child(const void *node) {
    const xmlNode *n = node;
    // A document and a node keep their children at the same place.
    if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) return ((const xmlDoc *)node)->children;
    return n->children;
}

const void *cxml_next(const void *node) { return ((const xmlNode *)node)->next; }
int cxml_type(const void *node) { return ((const xmlNode *)node)->type; }
const char *cxml_name(const void *node) { return (const char *)((const xmlNode *)node)->name; }

const char *cxml_prefix(const void *node) {
    const xmlNs *ns = ((const xmlNode *)node)->ns;
    return ns ? (const char *)ns->prefix : NULL;
}

const char *cxml_content(const void *node) { return (const char *)((const xmlNode *)node)->content; }
const void *cxml_first_attribute(const void *element) { return ((const xmlNode *)element)->properties; }
const void *cxml_next_attribute(const void *attribute) { return ((const xmlAttr *)attribute)->next; }
const char *cxml_attribute_name(const void *attribute) { return (const char *)((const xmlAttr *)attribute)->name; }

const char *cxml_attribute_prefix(const void *attribute) {
    const xmlNs *ns = ((const xmlAttr *)attribute)->ns;
    return ns ? (const char *)ns->prefix : NULL;
}

const void *cxml_attribute_value(const void *attribute) { return ((const xmlAttr *)attribute)->children; }
