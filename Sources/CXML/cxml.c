#include "cxml.h"
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <string.h>

const void *cxml_parse_html(const char *utf8, int length) {
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT
        | HTML_PARSE_IGNORE_ENC;  // the caller decoded the page; a wrong <meta charset> must not switch it
    return htmlReadMemory(utf8, length, NULL, "UTF-8", options);
}

struct sax_context {
    const cxml_html_handler *handler;
    void *context;
};

static void sax_start(void *c, const xmlChar *name, const xmlChar **attributes) {
    struct sax_context *s = ((htmlParserCtxtPtr)c)->_private;
    s->handler->start(s->context, (const char *)name, (const char **)attributes);
}

static void sax_end(void *c, const xmlChar *name) {
    struct sax_context *s = ((htmlParserCtxtPtr)c)->_private;
    s->handler->end(s->context, (const char *)name);
}

static void sax_text(void *c, const xmlChar *text, int length) {
    struct sax_context *s = ((htmlParserCtxtPtr)c)->_private;
    s->handler->text(s->context, (const char *)text, length);
}

int cxml_sax_html(const char *utf8, int length, const cxml_html_handler *handler, void *context) {
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(utf8, length);
    if (ctxt == NULL) return 0;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
        | HTML_PARSE_IGNORE_ENC);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    struct sax_context s = { handler, context };
    ctxt->_private = &s;
    // Only the structure and the text: no tree, no comments, no processing instructions.
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = sax_start;
    sax.endElement = sax_end;
    sax.characters = sax_text;
    sax.cdataBlock = sax_text;
    sax.ignorableWhitespace = sax_text;
    memcpy(ctxt->sax, &sax, sizeof sax);
    ctxt->userData = ctxt;
    htmlParseDocument(ctxt);
    htmlFreeParserCtxt(ctxt);
    return 1;
}

const void *cxml_parse_xml(const char *utf8, int length) {
    int options = XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET | XML_PARSE_COMPACT
        | XML_PARSE_HUGE | XML_PARSE_IGNORE_ENC;
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
