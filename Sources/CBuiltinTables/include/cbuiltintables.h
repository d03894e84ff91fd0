#ifndef CBUILTINTABLES_H
#define CBUILTINTABLES_H
// The analyzer's tables, derived once and compiled into the binary (constant data the
// loader maps, read in place): the character table (NFKC, case folding, Traditional →
// Simplified, from ICU) and the trie of the built-in lexicon. A process that queries
// builds, reads and checks nothing before its first lookup.
// The data are written by scripts/gen_tables.sh into Generated/tables.c; NewsText
// (CharacterTable+Builtin.swift, Lexicon+Builtin.swift) documents each array.
#include <stdint.h>

struct nx_builtin_tables {
    /// The ICU version the character table was derived from, e.g. "72.1".
    const char *icu_version;
    /// `CharacterTable.formatVersion` of the entries.
    uint32_t character_format;
    /// 65,536 entries, one per BMP code point.
    const uint32_t *bmp;
    const uint16_t *expansions;
    uint32_t expansion_count;
    const uint32_t *supplementary_keys;
    const uint32_t *supplementary_values;
    uint32_t supplementary_count;
    /// `Lexicon.sourceHash` of the terms and table the trie was built from.
    uint64_t lexicon_source;
    /// Distinct terms in the trie.
    uint32_t lexicon_count;
    /// 65,536 entries: first unit → node, or -1.
    const int32_t *root;
    const uint64_t *edge_keys;
    const int32_t *edge_values;
    uint32_t edge_slots;
    const uint8_t *terminal;
    const int32_t *term_index;
    uint32_t node_count;
    const uint64_t *first_pairs;
    uint32_t first_pair_words;
};

/// The tables compiled into this binary.
const struct nx_builtin_tables *nx_builtin_tables(void);

#endif
