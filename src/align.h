/*
 * align.h - sentence alignment of a text and its translation, with checks.
 *
 * A complete use, error handling shortened:
 *
 *     al_error err;
 *     al_options opt;
 *     al_options_init(&opt);                       // defaults
 *     opt.lang[AL_SOURCE] = "fr"; opt.lang[AL_TARGET] = "de";
 *     al_model *m = al_model_new(&opt, &err);      // dictionaries, hunspell
 *     al_text *src = al_text_read(m, AL_SOURCE, "orig.txt", &err);
 *     al_text *tgt = al_text_read(m, AL_TARGET, "trans.txt", &err);
 *     al_result *r = al_align(m, src, tgt, &err);  // beads, scores, flags
 *     if (r == NULL) fprintf(stderr, "align: %s\n", err.message);
 *     al_write(r, AL_FORMAT_TSV, stdout, NULL, &err);
 *     al_result_free(r); al_text_free(src); al_text_free(tgt); al_model_free(m);
 *
 * The pipeline has one module per stage: decode (bytes to UTF-8), normalize
 * (NFC, whitespace, invisible characters; the original is kept), segment
 * (paragraphs and sentences), align (beads with a score), check (flags) and
 * write (one renderer per format).
 *
 * Conventions: every object has a _new/_read and a _free; _free(NULL) does
 * nothing. Functions that can fail return NULL or a negative al_status and
 * fill an al_error when one is given. The library never prints and never
 * exits. Texts handed out are UTF-8 and stay owned by the object they come
 * from.
 */
#ifndef ALIGN_H
#define ALIGN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AL_VERSION_STRING "0.1.0"

/* Status codes: 0 is success, errors are negative. */
typedef enum {
    AL_OK = 0,
    AL_ENOMEM = -1,     /* out of memory */
    AL_EIO = -2,        /* a file could not be read or written */
    AL_EENCODING = -3,  /* bytes are not valid in the input's encoding */
    AL_EBINARY = -4,    /* input looks like a binary file (NUL bytes) */
    AL_ETOOBIG = -5,    /* input exceeds a documented size limit */
    AL_EINVAL = -6,     /* invalid argument or option value */
    AL_EDICT = -7,      /* a dictionary or list could not be loaded */
    AL_EEMPTY = -8      /* input holds no text */
} al_status;

/* Filled by failing calls: the code and a message that names the file and
 * position where there is one ("trans.txt:12:7: invalid UTF-8 byte 0xE9"). */
typedef struct {
    int code;
    char message[512];
} al_error;

/* A short description of a status code ("out of memory"). Never NULL. */
const char *al_strerror(int code);

/* Sides of a pair. */
enum { AL_SOURCE = 0, AL_TARGET = 1 };

/* Flag severities, ordered. */
typedef enum { AL_INFO = 0, AL_WARNING = 1, AL_ERROR = 2 } al_severity;

/* Flag codes. The names (al_flag_name) are stable and used in every output. */
typedef enum {
    AL_FLAG_OMISSION = 0,    /* source sentence(s) with no translation */
    AL_FLAG_ADDITION,        /* target sentence(s) with no source */
    AL_FLAG_LENGTH,          /* length ratio far outside the length model */
    AL_FLAG_NUMBER,          /* numbers differ after locale normalization */
    AL_FLAG_UNTRANSLATED,    /* target repeats the source text */
    AL_FLAG_WRONG_LANGUAGE,  /* target is not in the target language */
    AL_FLAG_GARBLED,         /* broken target: unknown words, repeats, salad */
    AL_FLAG_ENCODING,        /* U+FFFD, ????, mojibake, control characters */
    AL_FLAG_NAME,            /* a name or identical token missing on one side */
    AL_FLAG_PUNCTUATION,     /* unbalanced quotes/brackets, ? vs . */
    AL_FLAG_LOW_CONFIDENCE,  /* alignment score below the threshold */
    AL_FLAG_COUNT
} al_flag_code;

/* Anchor kinds the aligner uses (al_options.anchors, bit 1u << kind). */
typedef enum {
    AL_ANCHOR_NUMBERS = 0,   /* numbers, dates, ordinals after normalization */
    AL_ANCHOR_WORDS,         /* identical words and names, case-folded */
    AL_ANCHOR_COGNATES,      /* first five letters, accents stripped */
    AL_ANCHOR_DICT,          /* bilingual dictionary entries, words as written */
    AL_ANCHOR_STEMS,         /* dictionary entries of hunspell stems and of
                              * German compound heads (needs dict) */
    AL_ANCHOR_PUNCT,         /* beads end alike: clause (;:,), question or
                              * sentence end on both sides */
    AL_ANCHOR_COUNT
} al_anchor_kind;

/* Output formats (al_write). */
typedef enum {
    AL_FORMAT_TSV = 0, AL_FORMAT_JSONL, AL_FORMAT_TMX, AL_FORMAT_XLIFF,
    AL_FORMAT_BEADS, AL_FORMAT_LADDER, AL_FORMAT_TEXT, AL_FORMAT_HTML,
    AL_FORMAT_REPORT, AL_FORMAT_COUNT
} al_format;

/* Options. Initialise with al_options_init, then set fields. Strings are
 * borrowed: they must outlive the model built from them. */
typedef struct {
    const char *lang[2];       /* "de", "fr", "en" or NULL to detect */
    const char *encoding[2];   /* iconv name or NULL: detect BOM, else UTF-8 */
    int presegmented;          /* one sentence per line, blank line = paragraph */
    int max_bead;              /* most sentences on one side of a bead (1..5) */
    const char *dict_dir;      /* folder with abbrev-*.txt, lex-*.txt; NULL: default */
    const char *hunspell_dir;  /* folder with LANG.aff/.dic; NULL: default */
    const char *user_dict;     /* extra lexicon ("src<TAB>tgt" or "tgt @ src") */
    unsigned checks;           /* bit (1u << code) enables a flag code */
    double min_score;          /* beads scored below get low-confidence */
    int second_pass;           /* realign with a lexicon learned from pass 1 */
    unsigned anchors;          /* bit (1u << kind) enables an al_anchor_kind */
    /* Called, for a display, when al_align enters a stage: "anchors",
     * "first pass", "second pass", "final search" (without a second pass),
     * "scores" (when the search did not score the beads), "checks".
     * Called by the thread running al_align (in a batch, by any of its
     * threads). NULL: none. */
    void (*on_stage)(const char *stage, void *ud);
    void *stage_ud;
} al_options;

void al_options_init(al_options *opt);

/* A model: the resources shared by every pair (abbreviations, lexicons,
 * hunspell). Read-only after creation, may be shared by threads. */
typedef struct al_model al_model;
al_model *al_model_new(const al_options *opt, al_error *err);
void al_model_free(al_model *m);

/* One side of a pair: the decoded original, its normalized form and its
 * sentences. */
typedef struct al_text al_text;

/* Reads FILE ("-" is stdin) and decodes, normalizes and segments it as side
 * SIDE. NAME in messages is the path. Returns NULL on error. */
al_text *al_text_read(al_model *m, int side, const char *path, al_error *err);

/* Reads SRC_PATH as the source and TGT_PATH as the target, at once (in two
 * threads), into *SRC and *TGT; at most one of them can be "-" (stdin).
 * Returns 0, or the code of the error in *ERR: the source's when both
 * fail. On error both are NULL. */
int al_text_read_pair(al_model *m, const char *src_path, const char *tgt_path,
                      al_text **src, al_text **tgt, al_error *err);

/* The same for bytes in memory; NAME is used in messages. The bytes are
 * copied. */
al_text *al_text_from_bytes(al_model *m, int side, const char *name,
                            const char *bytes, size_t len, al_error *err);
void al_text_free(al_text *t);

/* Number of sentences and paragraphs. */
size_t al_text_count(const al_text *t);
size_t al_text_paragraphs(const al_text *t);

/* Sentence I as the user wrote it (original text, decoded to UTF-8, with
 * surrounding whitespace trimmed); *LEN gets its length in bytes. The text is
 * not NUL-terminated. */
const char *al_text_sentence(const al_text *t, size_t i, size_t *len);

/* Byte offset of sentence I in the decoded original, its paragraph index. */
size_t al_text_sentence_offset(const al_text *t, size_t i);
size_t al_text_sentence_paragraph(const al_text *t, size_t i);

/* The language assumed for the text ("de", "fr", "en"), given or detected. */
const char *al_text_lang(const al_text *t);

/* Result of aligning a pair: beads in order, each with a score and flags. */
typedef struct al_result al_result;

/* Aligns SRC with TGT and runs the checks enabled in the model's options.
 * The result borrows both texts: free it before them. */
al_result *al_align(al_model *m, const al_text *src, const al_text *tgt,
                    al_error *err);
void al_result_free(al_result *r);

typedef struct {
    size_t src_begin, src_len;   /* sentences [src_begin, src_begin+src_len) */
    size_t tgt_begin, tgt_len;
    double score;                /* 0..1, higher is more likely right */
} al_bead;

typedef struct {
    al_flag_code code;
    al_severity severity;
    int side;                    /* AL_SOURCE or AL_TARGET: where the span is */
    size_t span_begin, span_end; /* byte span in that side's original, or 0,0 */
    const char *message;         /* words for an editor, owned by the result */
} al_flag;

size_t al_result_count(const al_result *r);
const al_bead *al_result_bead(const al_result *r, size_t i);
size_t al_result_flag_count(const al_result *r, size_t bead);
const al_flag *al_result_flag(const al_result *r, size_t bead, size_t k);
const al_text *al_result_text(const al_result *r, int side);

/* Highest severity of any flag, or -1 when nothing was flagged. */
int al_result_max_severity(const al_result *r);

/* Stable name of a flag code ("omission") and the code for a name (-1 if
 * unknown). Same for severities ("warning") and formats ("tsv"). */
const char *al_flag_name(al_flag_code code);
int al_flag_from_name(const char *name);
const char *al_severity_name(al_severity s);
int al_severity_from_name(const char *name);
const char *al_format_name(al_format f);
int al_format_from_name(const char *name);
const char *al_anchor_name(al_anchor_kind kind);
int al_anchor_from_name(const char *name);

/* Options for writers. NULL means defaults. */
typedef struct {
    int color;                   /* text format: ANSI colors */
    const char *source_name;     /* file names shown in reports */
    const char *target_name;
} al_write_options;

/* Writes R in format FMT to OUT. Returns AL_OK or AL_EIO (write error). */
int al_write(const al_result *r, al_format fmt, FILE *out,
             const al_write_options *wo, al_error *err);


/* ---- Batch: many pairs, one model, several threads ----
 *
 *     al_batch *b = al_batch_new(m, &err);
 *     al_batch_read_manifest(b, "pairs.txt", &err);  // or al_batch_add
 *     al_batch_options bo;
 *     al_batch_options_init(&bo);                     // one thread per core
 *     int failed = al_batch_run(b, &bo, &err);        // < 0: did not run
 *     for (size_t i = 0; i < al_batch_count(b); i++)
 *         ... al_batch_get(b, i)->status, ->message ...
 *     al_batch_free(b);
 *
 * Every pair is read, aligned and checked with the one model, which threads
 * share read-only. Pairs with an output file are written to it atomically
 * (a temporary file beside it, renamed when complete); the others are
 * written to one stream in the order they were added, each exactly as
 * al_write renders it, so the bytes do not depend on the number of threads.
 * A pair that fails leaves no output and does not stop the others. */
typedef struct al_batch al_batch;

/* An empty batch that borrows M (M must outlive it). NULL when out of
 * memory. */
al_batch *al_batch_new(al_model *m, al_error *err);
void al_batch_free(al_batch *b);

/* Adds a pair: paths SOURCE and TARGET, OUTPUT a file or NULL (or "-") for
 * the batch's stream. WHERE (may be NULL) names the pair in reports, such
 * as "pairs.txt:12". The strings are copied. Returns AL_OK or AL_ENOMEM. */
int al_batch_add(al_batch *b, const char *source, const char *target,
                 const char *output, const char *where, al_error *err);

/* Adds the pairs of manifest PATH ("-" is stdin). One pair a line:
 * SOURCE TARGET [OUTPUT], separated by spaces or tabs; a name holding
 * spaces, tabs or quotes is written in double quotes, with \" and \\ for
 * a quote and a backslash. Blank lines and lines whose first non-blank
 * character is '#' are skipped; a CR before the line end is ignored.
 * Relative paths are taken relative to the manifest's folder (the current
 * folder for stdin); OUTPUT "-" is the batch's stream. Each pair's WHERE is
 * "PATH:LINE". Returns AL_OK, AL_EIO (unreadable) or AL_EINVAL (syntax,
 * message "PATH:LINE: ..."); on error no pair of the manifest is added. */
int al_batch_read_manifest(al_batch *b, const char *path, al_error *err);

/* What became of a pair; filled by al_batch_run. */
typedef struct {
    size_t index;              /* position in the batch, from 0 */
    const char *where;         /* as given to al_batch_add, or NULL */
    const char *source, *target;
    const char *output;        /* NULL: written to the stream */
    int status;                /* AL_OK or the error code */
    const char *message;       /* the error ("b.txt: cannot open: ..."), or
                                * NULL */
    int max_severity;          /* highest flag severity, -1: none or failed */
    size_t sentences[2];       /* per side, 0 when not read */
    size_t beads;
} al_batch_pair;

/* Progress of a run, for a display. Bytes are the input files' sizes. A
 * run learning over the batch makes two passes over the pairs; the counts
 * start again at 0 for the second. */
typedef struct {
    int pass, passes;          /* this pass (from 1) of how many */
    size_t pairs_done, pairs;
    size_t sentences_done;     /* both sides, finished pairs */
    uint64_t bytes_done, bytes;
    double seconds;            /* since the pass started */
} al_batch_progress;

typedef struct {
    int jobs;                  /* threads; 0: one per online core */
    al_format format;          /* default AL_FORMAT_TSV */
    const al_write_options *write_options;   /* NULL: defaults; the file
                                              * names are each pair's */
    FILE *out;                 /* the stream; NULL: stdout */
    size_t max_buffered;       /* bytes of output held for the stream before
                                * threads wait; 0: 64 MiB */
    int learn_batch;           /* the second pass's lexicon is learned over
                                * every pair's first alignment, not each
                                * pair's own; each pair is read twice */
    /* Called for each pair once it is done and written, in the order the
     * pairs were added. */
    void (*on_pair)(const al_batch_pair *p, void *ud);
    /* Called each time a pair is done, in any order. */
    void (*on_progress)(const al_batch_progress *p, void *ud);
    void *ud;
} al_batch_options;

void al_batch_options_init(al_batch_options *bo);

/* Runs every pair of B as BO says. The callbacks run on the batch's threads
 * but never two at a time. A write error on the stream stops writing to it
 * and is left in ferror(out) for the caller. Returns the number of pairs
 * that failed (0: all went well), or a negative al_status when the batch
 * could not run (AL_EINVAL: two pairs name the same output file; AL_ENOMEM;
 * threads could not be started); then ERR says why. A batch runs once. */
int al_batch_run(al_batch *b, const al_batch_options *bo, al_error *err);

/* Number of pairs; pair I (valid until al_batch_free); the highest flag
 * severity over all pairs (-1: nothing flagged). */
size_t al_batch_count(const al_batch *b);
const al_batch_pair *al_batch_get(const al_batch *b, size_t i);
int al_batch_max_severity(const al_batch *b);

#ifdef __cplusplus
}
#endif
#endif /* ALIGN_H */
