/*
 * internal.h - types and helpers shared by the library's modules.
 * Not installed; callers of the library use align.h only.
 */
#ifndef ALIGN_INTERNAL_H
#define ALIGN_INTERNAL_H

#include "align.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <pthread.h>

/* Largest input accepted per side, after decoding. Offsets are 32-bit. */
#define AL_MAX_INPUT ((size_t)1 << 30)

/* ---- util.c: errors, memory, buffers, UTF-8 ---- */

/* Fills ERR (if not NULL) with CODE and a printf-style message; returns CODE. */
int al_fail(al_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

void *al_malloc(size_t n);           /* NULL on failure or overflow */
void *al_calloc(size_t n, size_t size);
void *al_realloc_array(void *p, size_t n, size_t size);
/* The array P of *CAP elements of SIZE bytes grown to twice as many (FIRST
 * when it has none), *CAP updated; NULL when out of memory, P then as it
 * was. */
void *al_grow_array(void *p, size_t *cap, size_t size, size_t first);
char *al_strndup(const char *s, size_t n);

/* Growable byte buffer. Zero-initialise; al_buf_free releases. */
typedef struct {
    char *data;
    size_t len, cap;
} al_buf;

int al_buf_reserve(al_buf *b, size_t extra);            /* AL_OK / AL_ENOMEM */
int al_buf_append(al_buf *b, const char *s, size_t n);
int al_buf_putc(al_buf *b, char c);
int al_buf_printf(al_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void al_buf_free(al_buf *b);

/* al_utf8_decode for a byte of 0x80 or more. */
size_t al_utf8_decode_multi(const unsigned char *s, size_t n, int32_t *cp);

/* Decodes one UTF-8 code point at S (N bytes available) into *CP and returns
 * its length, or 0 when the bytes there are not valid UTF-8 (then *CP is the
 * first byte). S must hold at least one byte. ASCII, most of every text,
 * without a call: the scanners call this for every character. */
static inline size_t al_utf8_decode(const unsigned char *s, size_t n,
                                    int32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    return al_utf8_decode_multi(s, n, cp);
}

/* Is CP a closing quote or bracket that may follow a sentence's last mark:
 * " ' ) ] ” ’ » › and “ (which closes German „…“)? */
bool al_is_closing(int32_t cp);

/* Is CP a double quotation mark of any of the three languages:
 * " « » “ ” „? */
bool al_is_double_quote(int32_t cp);

/* Encodes CP into OUT (4 bytes room); returns the length. */
size_t al_utf8_encode(int32_t cp, char *out);

/* Hash of N bytes (FNV-1a, 64 bit). */
uint64_t al_hash(const char *s, size_t n);

/* String interning table: every distinct string gets an id 0, 1, 2, ...
 * Strings are copied into an arena owned by the table. */
typedef struct al_strtab al_strtab;
al_strtab *al_strtab_new(void);
void al_strtab_free(al_strtab *t);
/* Id of S, adding it when ADD is true; -1 when absent (or out of memory). */
int32_t al_strtab_id(al_strtab *t, const char *s, size_t n, bool add);
const char *al_strtab_str(const al_strtab *t, int32_t id);
size_t al_strtab_count(const al_strtab *t);

/* Reads a whole file ("-" is stdin) into *DATA and *LEN (NUL-terminated). */
int al_read_file(const char *path, char **data, size_t *len, al_error *err);

/* Runs FN(A) and FN(B), B in a second thread when one can be made (else
 * after A); returns when both are done. */
void al_run_two(void *(*fn)(void *), void *a, void *b);

/* The lines of a text in memory, for the word lists and manifests. Start it
 * with {TEXT, TEXT + LEN, 0}. */
typedef struct {
    const char *next, *end;
    size_t lineno;           /* number of the line last returned, from 1 */
} al_lines;

/* The next line into *LINE and *N, without its "\n" or "\r\n"; false after
 * the last one. A final line without a line end counts. */
bool al_lines_next(al_lines *it, const char **line, size_t *n);

/* ---- languages ---- */
typedef enum { AL_LANG_DE = 0, AL_LANG_FR, AL_LANG_EN, AL_LANG_COUNT,
               AL_LANG_UNKNOWN = -1 } al_lang;
al_lang al_lang_from_name(const char *name);
const char *al_lang_name(al_lang l);

/* ---- decode.c ---- */

/* Converts LEN bytes of input named NAME to UTF-8. ENCODING is an iconv name
 * or NULL (then: BOM, UTF-16 sniffing, else UTF-8 validated). The result has
 * no BOM and is NUL-terminated; *OUT is malloc'ed. */
int al_decode(const char *name, const char *bytes, size_t len,
              const char *encoding, char **out, size_t *out_len,
              al_error *err);

/* ---- normalize.c ---- */

/* Damage bits found in a stretch of text (detection only). */
enum {
    AL_DAMAGE_FFFD = 1u << 0,      /* U+FFFD replacement character */
    AL_DAMAGE_QMARKS = 1u << 1,    /* ?? runs standing for lost characters */
    AL_DAMAGE_MOJIBAKE = 1u << 2,  /* UTF-8 read as Latin-1/1252: Ã©, â€™ */
    AL_DAMAGE_CONTROL = 1u << 3    /* C0/C1 control characters */
};

/* Knots mapping normalized offsets back to the original: between knots the
 * two texts advance together byte for byte. */
typedef struct {
    uint32_t norm, orig;
} al_knot;

typedef struct {
    char *text;          /* normalized UTF-8, NUL-terminated */
    size_t len;
    al_knot *knots;
    size_t n_knots;
} al_norm;

/* Normalizes ORIG: line ends to \n, NFC, space variants to ' ', invisible
 * characters (soft hyphen, zero-width, BOM) removed. */
int al_normalize(const char *orig, size_t len, al_norm *out, al_error *err);
void al_norm_free(al_norm *n);
/* Offset in the original of normalized offset OFF. */
size_t al_norm_to_orig(const al_norm *n, size_t off);
/* Damage bits of a stretch of original text. */
unsigned al_damage_scan(const char *s, size_t n);
/* al_mojibake_pair for PREV and CP both U+0080 or above. */
bool al_mojibake_pair_high(int32_t prev, int32_t cp);

/* Is code point CP after PREV the mark of UTF-8 read as Latin-1 or
 * Windows-1252 ("Ã©" for é, "â€™" for ’)? Both are U+0080 or above in
 * every such pair: ASCII, most characters, is answered without a call. */
static inline bool al_mojibake_pair(int32_t prev, int32_t cp)
{
    return prev >= 0x80 && cp >= 0x80 && al_mojibake_pair_high(prev, cp);
}

/* ---- segment.c ---- */

typedef struct {
    uint32_t start, len;     /* byte span in the normalized text */
    uint32_t ostart, olen;   /* byte span in the original text */
    uint32_t para;           /* paragraph index */
    uint32_t damage;         /* AL_DAMAGE_* bits */
    uint32_t parts;          /* sentences the segmenter finds in it: 1, or
                              * more in a line of presegmented input */
} al_sent;

typedef struct al_abbrev al_abbrev;
al_abbrev *al_abbrev_load(const char *path, al_error *err);
void al_abbrev_free(al_abbrev *a);
/* Adds the segmentation rules of PATH (dicts/segment-LANG.txt: ordinal
 * words, sentence starters, final abbreviations, names with '!') to A. */
int al_abbrev_load_rules(al_abbrev *a, const char *path, al_error *err);
/* True when WORD (with its final period, N bytes) is a known abbreviation. */
bool al_abbrev_has(const al_abbrev *a, const char *word, size_t n);

/* Sentence spans of normalized text. PRESEG: one sentence per line.
 * *OUT is malloc'ed; *N_PARAS gets the paragraph count. */
int al_segment(const char *text, size_t len, const al_abbrev *abbrev,
               al_lang lang, bool preseg, al_sent **out, size_t *n_out,
               size_t *n_paras, al_error *err);

/* ---- text (text.c) ---- */
struct al_text {
    int side;
    char *name;
    char *orig;              /* decoded original, NUL-terminated */
    size_t orig_len;
    al_norm norm;
    al_sent *sents;
    size_t n_sents;
    size_t n_paras;
    al_lang lang;
};

/* Normalized text of sentence I. */
static inline const char *al_sent_norm(const al_text *t, size_t i, size_t *len)
{
    *len = t->sents[i].len;
    return t->norm.text + t->sents[i].start;
}

/* ---- lexicon.c: words, stems, bilingual dictionary ---- */

/* A word is a maximal run of letters, digits, hyphens and apostrophes inside
 * words. Tokens are reported to a callback with their byte span. */
typedef void (*al_token_fn)(const char *tok, size_t n, size_t off, void *ud);
void al_tokenize(const char *s, size_t n, al_token_fn fn, void *ud);

/* Lowercases a token into OUT; returns the length (0 when out of memory). */
size_t al_lower(const char *tok, size_t n, al_buf *out);
/* Lowercases and strips accents from a token into OUT; returns length. */
size_t al_fold(const char *tok, size_t n, al_buf *out);

typedef struct al_lexicon al_lexicon;

/* One word a line ('#' starts a comment); NULL when missing or unreadable. */
al_strtab *al_wordlist_load(const char *path);
/* Adds stop-word hits per language of S to SCORE[AL_LANG_COUNT]. */
void al_lang_stopwords_score(const al_model *m, const char *s, size_t n,
                             double *score);
/* Is FOLDED (lowercase, accents stripped) a stop word of LANG? */
bool al_is_stopword(const al_model *m, al_lang lang, const char *folded,
                    size_t n);

/* ---- numbers.c ---- */

/* Canonical numbers in a sentence, as normalized decimal strings ("1500",
 * "5.5", "6." for ordinals), in order of appearance, with spans. */
typedef struct {
    char value[32];
    uint32_t off, len;       /* span in the text given */
} al_number;

/* Extracts numbers of S (normalized text in language LANG). Returns the count,
 * writing at most MAX into OUT. */
size_t al_numbers(const char *s, size_t n, al_lang lang, al_number *out,
                  size_t max);

/* ---- anchor.c: per-sentence anchor items ---- */

/* Each sentence is a list of items (numbers and content words), each of a
 * type (a distinct word or number of the text) with a weight and the ids of
 * the features by which it can be matched on the other side (its number,
 * folded form, cognate key, dictionary concepts). Feature ids are shared by
 * both texts of a pair; types are numbered per text. */
typedef struct {
    float *len;              /* characters per sentence */
    uint32_t *ioff;          /* n + 1: items of sentence i: [ioff[i], ioff[i+1]) */
    uint32_t *itype;         /* per item: its type */
    float *tw;               /* per type: weight of its items */
    uint32_t *tfo;           /* n_types + 1: features of type t */
    uint32_t *tfeat;         /* feature ids */
    uint64_t *thash;         /* per type: hash of its string (al_hash) */
    size_t n_items, n_types, n_tfeat;
} al_sentfeat;

/* Items of both texts. */
int al_features(const al_model *m, const al_text *src, const al_text *tgt,
                al_sentfeat *fs, al_sentfeat *ft);
void al_sentfeat_free(al_sentfeat *sf);

/* ---- learn.c: a lexicon learned from first alignments ---- */

/* Counts word types that co-occur in the confident 1-1 beads of one or many
 * first alignments, then chooses the pairs found together far above chance.
 * Types are known by their strings' hashes, so a learner may count the
 * alignments of a whole batch and apply what it learned to each pair. */
typedef struct al_learner al_learner;
al_learner *al_learner_new(void);
void al_learner_free(al_learner *l);
/* Counts the CONFIDENT 1-1 beads of FS and FT; threads may call it at once.
 * AL_OK, AL_ENOMEM, or AL_EINVAL after al_learner_finish. */
int al_learner_add(al_learner *l, const al_sentfeat *fs,
                   const al_sentfeat *ft, const al_bead *beads,
                   size_t n_beads, const bool *confident);
/* Chooses the learned pairs and drops the counts; call once, after the
 * last al_learner_add. */
int al_learner_finish(al_learner *l);
/* Number of pairs learned (after al_learner_finish). */
size_t al_learner_count(const al_learner *l);
/* Adds a fresh shared feature to the types of FS and FT that make up each
 * learned pair both hold; *N_APPLIED gets the number of such pairs. */
int al_learner_apply(const al_learner *l, al_sentfeat *fs, al_sentfeat *ft,
                     size_t *n_applied);

/* Learns from one alignment and applies it to the same texts (a learner
 * of its own); *N_LEARNED gets the pair count. */
int al_learn_lexicon(al_sentfeat *fs, al_sentfeat *ft, const al_bead *beads,
                     size_t n_beads, const bool *confident, size_t *n_learned);

/* ---- lexicon.c: bilingual dictionaries ---- */

/* The dictionary of the pair SRC -> TGT: the shipped lex-*.txt file of the
 * pair (either direction) plus the user's --dict file, single words folded
 * (lowercase, no accents). Column 0 holds SRC words, column 1 TGT words. */
al_lexicon *al_lexicon_load(const al_model *m, al_lang src, al_lang tgt,
                            al_error *err);
void al_lexicon_free(al_lexicon *lx);
/* Parses the user dictionary PATH (its LEN bytes at DATA) as
 * al_lexicon_load does, to report a malformed file when the model is made
 * (the lexicon itself is built per language pair, on first use). AL_OK or
 * the error. */
int al_lexicon_check(const char *path, const char *data, size_t len,
                     al_error *err);
size_t al_lexicon_size(const al_lexicon *lx, int column);
typedef void (*al_concept_fn)(void *ud, const char *word, size_t n);
size_t al_lexicon_concepts(const al_lexicon *lx, int column, const char *fold,
                           size_t n, al_concept_fn fn, void *ud);
/* The model's lexicon for SRC -> TGT, loaded on first use (thread-safe);
 * NULL when it cannot be loaded (then *ERR says why, if given). */
const al_lexicon *al_model_lexicon(const al_model *m, al_lang src, al_lang tgt,
                                   al_error *err);

/* ---- spell.c: hunspell, thread-safe, cached ---- */
typedef struct al_spell al_spell;
/* The dictionary of LANG from folder DIR, loaded on first use and shared by
 * the whole process; NULL when it is not installed. */
al_spell *al_spell_get(const char *dir, al_lang lang);
/* Is WORD (N bytes, UTF-8) spelled right? */
bool al_spell_check(al_spell *sp, const char *word, size_t n);
/* Stems of WORD into OUT[0..MAX) (buffers owned by the caller); returns how
 * many. A word hunspell rejects has none. */
size_t al_spell_stems(al_spell *sp, const char *word, size_t n, al_buf *out,
                      size_t max);
/* The model's speller for LANG (see al_spell_get). */
al_spell *al_model_spell(const al_model *m, al_lang lang);

/* ---- check_data.c: the checker's word lists (dicts/check-*.txt) ---- */
typedef struct al_checkdata al_checkdata;
al_checkdata *al_checkdata_load(const al_model *m, al_error *err);
void al_checkdata_free(al_checkdata *d);

/* ---- model (model.c) ---- */
struct al_model {
    al_options opt;
    char *dict_dir;
    char *hunspell_dir;
    al_abbrev *abbrev[AL_LANG_COUNT];
    al_strtab *stop[AL_LANG_COUNT];   /* folded stop words, may be NULL */
    pthread_mutex_t lock;    /* guards lazy loading below */
    al_lexicon *lex[AL_LANG_COUNT][AL_LANG_COUNT];  /* [src][tgt], lazy */
    bool lex_tried[AL_LANG_COUNT][AL_LANG_COUNT];
    al_checkdata *check;     /* word lists of the checks */
    char *user_dict;         /* --dict FILE as read once, or NULL */
    size_t user_dict_len;
    double anchor_weight;    /* weight of the anchor similarity (align.c) */
    bool use_lexicon;        /* dictionary anchors (AL_ANCHOR_DICT) */
};

/* Path DICT_DIR/STEM+LANG.txt, malloc'ed (NULL when out of memory). */
char *al_dict_path(const al_model *m, const char *stem, const char *lang);

/* The abbreviation list of LANG (loaded at model creation). */
const al_abbrev *al_model_abbrev(const al_model *m, al_lang lang);

/* ---- align.c / check.c ---- */

typedef struct {
    al_flag_code code;
    al_severity severity;
    int side;
    size_t span_begin, span_end;
    char *message;
    size_t bead;
} al_flag_rec;

struct al_result {
    const al_text *text[2];
    al_bead *beads;
    size_t n_beads;
    al_flag_rec *flags;      /* sorted by bead */
    size_t n_flags, cap_flags;
    size_t *flag_first;      /* n_beads + 1 offsets into flags */
};

/* For tests: when true, the search after the first pass and the scores run
 * as refine and posterior_scores instead of sweep_band's one sweep (the
 * results must agree). Never set outside tests. */
extern bool al_reference_search;

/* For tests: when true, sentence pairs are matched one by one (match_pair)
 * where a row of them is matched at once (match_row); the results must be
 * the same. Never set outside tests. */
extern bool al_reference_match;

/* Most bytes the two posterior sweeps may keep the band's bead costs in, to
 * cost each bead once (see sweep_band); 0: each sweep costs all its beads.
 * The results are the same either way. */
extern size_t al_sweep_memo_max;

/* Tells M's on_stage, if any, that al_align enters STAGE. */
static inline void al_stage(const al_model *m, const char *stage)
{
    if (m->opt.on_stage != NULL)
        m->opt.on_stage(stage, m->opt.stage_ud);
}

/* Computes beads of SRC/TGT into R (r->beads, r->n_beads). The second
 * pass, if on, takes the lexicon LEARNED (learned over a batch) when not
 * NULL, else learns its own from the first. With FEAT not NULL, FEAT[0]
 * and FEAT[1] get the anchor items of both texts as al_features gives them
 * (without what the second pass learned), for the checks; the caller frees
 * them. */
int al_align_beads(const al_model *m, const al_text *src, const al_text *tgt,
                   const al_learner *learned, al_result *r, al_sentfeat *feat,
                   al_error *err);

/* Aligns SRC/TGT once (no second pass) and counts the first alignment in L
 * (al_learner_add). AL_OK or the error, in ERR. */
int al_first_pass(const al_model *m, const al_text *src, const al_text *tgt,
                  al_learner *l, al_error *err);

/* al_align, with the second pass taking the lexicon LEARNED when it is not
 * NULL (see al_align_beads). */
al_result *al_align_learned(al_model *m, const al_text *src,
                            const al_text *tgt, const al_learner *learned,
                            al_error *err);

/* Adds a flag to R for BEAD; the message is formatted and copied. */
int al_result_add_flag(al_result *r, size_t bead, al_flag_code code,
                       al_severity sev, int side, size_t span_begin,
                       size_t span_end, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;

/* Runs the enabled checks over R's beads, adding flags. FEAT, when not
 * NULL, holds both texts' anchor items (al_align_beads), which the checks
 * then take over and free; else they compute them when they need them. */
int al_check(const al_model *m, al_result *r, al_sentfeat *feat,
             al_error *err);

/* Whether the enabled checks of M read the texts' anchor items. */
bool al_check_wants_features(const al_model *m);

/* ---- writers (write_*.c) ---- */
typedef int (*al_writer_fn)(const al_result *r, FILE *out,
                            const al_write_options *wo);
int al_write_tsv(const al_result *r, FILE *out, const al_write_options *wo);
int al_write_jsonl(const al_result *r, FILE *out, const al_write_options *wo);
int al_write_tmx(const al_result *r, FILE *out, const al_write_options *wo);
int al_write_xliff(const al_result *r, FILE *out, const al_write_options *wo);
int al_write_beads(const al_result *r, FILE *out, const al_write_options *wo);
int al_write_ladder(const al_result *r, FILE *out,
                    const al_write_options *wo);
int al_write_text(const al_result *r, FILE *out, const al_write_options *wo);
int al_write_html(const al_result *r, FILE *out, const al_write_options *wo);
int al_write_report(const al_result *r, FILE *out,
                    const al_write_options *wo);

/* Appends the text of sentences [BEGIN, BEGIN+N) of T to B, as the user wrote
 * them, joined by one space, with tabs/newlines/CR folded to spaces. */
int al_bead_text(const al_text *t, size_t begin, size_t n, al_buf *b);

/* Appends the NUL-terminated string S to B. AL_OK or AL_ENOMEM. */
int al_buf_str(al_buf *b, const char *s);

/* Writes B's bytes to OUT and empties B. Returns AL_OK or AL_EIO. */
int al_buf_flush(al_buf *b, FILE *out);

/* How al_buf_escape writes text from the input. Bytes that are not UTF-8
 * (impossible after decoding) become U+FFFD in every mode. */
typedef enum {
    /* XML text and attribute values: & < > " as entities; tab, LF, CR as a
     * space; characters XML 1.0 cannot hold even as references (C0 controls,
     * U+FFFE, U+FFFF) as U+FFFD; DEL and C1 controls as &#x7F; ... */
    AL_ESC_XML,
    /* HTML: & < > " ' as entities; tab, LF, CR as a space; C0 controls and
     * DEL as their pictures U+2400..U+2421; C1 controls, U+FFFE and U+FFFF
     * as U+FFFD. */
    AL_ESC_HTML,
    /* Body of a JSON string: " and \ escaped; tab, LF, CR as \t \n \r;
     * other controls, DEL, C1, U+2028 and U+2029 as \uXXXX. Nothing lost. */
    AL_ESC_JSON,
    /* Terminal: like AL_ESC_HTML for characters (no escape sequence gets
     * through), markup characters as they are. */
    AL_ESC_TERM
} al_escape;

/* Appends S[0, N) to B escaped for MODE. AL_OK or AL_ENOMEM. */
int al_buf_escape(al_buf *b, const char *s, size_t n, al_escape mode);

/* Called with consecutive runs of a bead side's text. MARK is 0 outside
 * flag spans, 1 + the highest severity of the spans covering the run
 * inside. Returns AL_OK or an error code that stops the walk. */
typedef int (*al_run_fn)(const char *s, size_t n, int mark, void *ud);

/* Calls FN with the text of BEAD's SIDE as the user wrote it (not folded),
 * sentence after sentence with a run " " between them, cut where a flag
 * span of the bead on that side begins or ends. Returns AL_OK, AL_ENOMEM
 * or FN's first error. */
int al_bead_runs(const al_result *r, size_t bead, int side, al_run_fn fn,
                 void *ud);

/* Appends the 1-based sentence numbers [BEGIN+1, BEGIN+N] as "8" or
 * "15-16" (with U+2013), or U+2014 when N is 0. */
int al_buf_id_range(al_buf *b, size_t begin, size_t n);

/* What a flag code means, in words for an editor ("a number differs
 * between source and translation"). */
const char *al_flag_description(al_flag_code code);

/* Flag counts of a result, for the summaries of html and report. */
typedef struct {
    size_t flags[AL_FLAG_COUNT];   /* flags per code */
    size_t beads[AL_FLAG_COUNT];   /* beads with a flag of the code */
    int severity[AL_FLAG_COUNT];   /* highest severity seen per code */
    size_t by_severity[AL_ERROR + 1];
    size_t flagged_beads, total;
} al_flag_stats;
void al_flag_stats_compute(const al_result *r, al_flag_stats *st);

/* One column of the side-by-side terminal layout: terminal-escaped text and,
 * when MARK is not NULL, one mark byte per text byte (see al_run_fn).
 * Zero-initialise; al_column_free releases. */
typedef struct {
    const char *text;
    size_t len;
    const char *mark;
    al_buf buf[2];
} al_column;
/* Fills C with BEAD's SIDE and its flag spans. */
int al_column_fill(al_column *c, const al_result *r, size_t bead, int side);
/* Fills C with S[0, N), no marks. */
int al_column_set(al_column *c, const char *s, size_t n);
void al_column_free(al_column *c);

/* Greedy word wrap: the next line of S[*POS, N) that fits WIDTH terminal
 * columns. Returns the line's end; *START gets its start (leading spaces
 * skipped), *COLS its width; *POS moves past it. A word longer than WIDTH
 * is cut. */
size_t al_wrap_line(const char *s, size_t n, size_t *pos, size_t width,
                    size_t *start, size_t *cols);

/* Appends S[0, N) (terminal-escaped text) to B wrapped to lines of LINE
 * columns: the first line continues a prefix of INDENT columns already in
 * B, the next ones start with INDENT spaces. Ends with a newline. */
int al_put_wrapped(al_buf *b, const char *s, size_t n, size_t indent,
                   size_t line);

/* Appends LEFT and RIGHT side by side to B, each wrapped to WIDTH columns,
 * every line starting with INDENT, the columns separated by " | " (U+2502).
 * COLOR: ANSI colors for marked text. */
int al_put_columns(al_buf *b, const char *indent, const al_column *left,
                   const al_column *right, size_t width, int color);

/* Appends BEAD's source and target side by side (see al_put_columns), an
 * em dash for an empty side, and an empty line. COL holds the columns'
 * buffers, kept from bead to bead. */
int al_put_bead_columns(al_buf *b, const char *indent, al_column col[2],
                        const al_result *r, size_t bead, size_t width,
                        int color);

#endif /* ALIGN_INTERNAL_H */
