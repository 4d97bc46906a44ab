/*
 * write.c - dispatch to one renderer per format, and helpers they share:
 * bead text, escaping for each output syntax, flag spans as runs of text,
 * flag counts, and the two-column layout of the terminal formats.
 */
#include "config.h"
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int al_bead_text(const al_text *t, size_t begin, size_t n, al_buf *b)
{
    for (size_t i = begin; i < begin + n; i++) {
        size_t len;
        const char *s = al_text_sentence(t, i, &len);
        if (i > begin && al_buf_putc(b, ' ') != AL_OK)
            return AL_ENOMEM;
        for (size_t k = 0; k < len; k++) {
            char c = s[k];
            if (c == '\t' || c == '\n' || c == '\r')
                c = ' ';
            if (al_buf_putc(b, c) != AL_OK)
                return AL_ENOMEM;
        }
    }
    return AL_OK;
}

int al_buf_str(al_buf *b, const char *s)
{
    return al_buf_append(b, s, strlen(s));
}

int al_buf_flush(al_buf *b, FILE *out)
{
    size_t n = b->len;
    b->len = 0;
    if (n > 0 && fwrite(b->data, 1, n, out) != n)
        return AL_EIO;
    return AL_OK;
}

/* ---- escaping ---- */

static int put_cp(al_buf *b, int32_t cp)
{
    char u[4];
    return al_buf_append(b, u, al_utf8_encode(cp, u));
}

/* Characters XML 1.0 cannot hold, not even as a character reference. */
static bool xml_forbidden(int32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
           cp == 0xFFFE || cp == 0xFFFF;
}

/* Appends code point CP (from a run of input text) to B in MODE. */
static int escape_cp(al_buf *b, int32_t cp, al_escape mode)
{
    bool xmlish = mode == AL_ESC_XML || mode == AL_ESC_HTML;
    if (cp == '\t' || cp == '\n' || cp == '\r') {
        if (mode != AL_ESC_JSON)
            return al_buf_putc(b, ' ');
        return al_buf_append(b, cp == '\t' ? "\\t" : cp == '\n' ? "\\n"
                                                                : "\\r", 2);
    }
    if (xmlish && cp == '&') return al_buf_append(b, "&amp;", 5);
    if (xmlish && cp == '<') return al_buf_append(b, "&lt;", 4);
    if (xmlish && cp == '>') return al_buf_append(b, "&gt;", 4);
    if (xmlish && cp == '"') return al_buf_append(b, "&quot;", 6);
    if (mode == AL_ESC_HTML && cp == '\'') return al_buf_append(b, "&#39;", 5);
    if (mode == AL_ESC_JSON && (cp == '"' || cp == '\\')) {
        char e[2] = {'\\', (char)cp};
        return al_buf_append(b, e, 2);
    }
    bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
    if (mode == AL_ESC_JSON)
        return control || cp == 0x2028 || cp == 0x2029
                   ? al_buf_printf(b, "\\u%04x", (unsigned)cp)
                   : put_cp(b, cp);
    if (mode == AL_ESC_XML) {
        if (xml_forbidden(cp))
            return put_cp(b, 0xFFFD);
        /* Allowed in XML 1.0 but discouraged: a reference reads better. */
        return control ? al_buf_printf(b, "&#x%X;", (unsigned)cp)
                       : put_cp(b, cp);
    }
    /* HTML and terminal: C0 controls and DEL as their visible pictures
     * (U+2400..U+2421), C1 controls and non-characters as U+FFFD, so no
     * control sequence reaches a terminal or a browser. */
    if (cp < 0x20)
        return put_cp(b, 0x2400 + cp);
    if (cp == 0x7F)
        return put_cp(b, 0x2421);
    if (control || cp == 0xFFFE || cp == 0xFFFF)
        return put_cp(b, 0xFFFD);
    return put_cp(b, cp);
}

static bool plain_byte(unsigned char c, al_escape mode)
{
    if (c < 0x20 || c >= 0x7F)
        return false;
    switch (mode) {
    case AL_ESC_JSON: return c != '"' && c != '\\';
    case AL_ESC_TERM: return true;
    default: return c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
    }
}

int al_buf_escape(al_buf *b, const char *s, size_t n, al_escape mode)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && plain_byte(p[j], mode))
            j++;
        if (j > i && al_buf_append(b, s + i, j - i) != AL_OK)
            return AL_ENOMEM;
        if (j == n)
            break;
        int32_t cp;
        size_t k = al_utf8_decode(p + j, n - j, &cp);
        if (k == 0) {            /* not UTF-8: cannot happen after decode */
            cp = 0xFFFD;
            k = 1;
        }
        if (escape_cp(b, cp, mode) != AL_OK)
            return AL_ENOMEM;
        i = j + k;
    }
    return AL_OK;
}

/* ---- flag spans as runs ---- */

typedef struct {
    size_t begin, end;
    int severity;
} span;

static int cmp_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->begin < y->begin ? -1 : x->begin > y->begin;
}

/* Moves OFF back to the start of the UTF-8 character it is inside. */
static size_t char_start(const char *s, size_t off)
{
    while (off > 0 && ((unsigned char)s[off] & 0xC0) == 0x80)
        off--;
    return off;
}

/* Moves OFF forward to the end of the UTF-8 character it is inside. */
static size_t char_end(const char *s, size_t len, size_t off)
{
    while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
        off++;
    return off;
}

/* Flag spans of BEAD on SIDE, sorted, merged, on character boundaries.
 * *OUT is malloc'ed (NULL when there are none). */
static int bead_spans(const al_result *r, size_t bead, int side, span **out,
                      size_t *n_out)
{
    const al_text *t = al_result_text(r, side);
    size_t nf = al_result_flag_count(r, bead), n = 0;
    span *sp = nf ? al_malloc(nf * sizeof *sp) : NULL;
    if (nf && sp == NULL)
        return AL_ENOMEM;
    for (size_t k = 0; k < nf; k++) {
        const al_flag *f = al_result_flag(r, bead, k);
        if (f->side != side || f->span_end <= f->span_begin ||
            f->span_end > t->orig_len)
            continue;
        sp[n].begin = char_start(t->orig, f->span_begin);
        sp[n].end = char_end(t->orig, t->orig_len, f->span_end);
        sp[n].severity = (int)f->severity;
        n++;
    }
    if (n > 1)
        qsort(sp, n, sizeof *sp, cmp_span);
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        if (m > 0 && sp[k].begin <= sp[m - 1].end) {
            if (sp[k].end > sp[m - 1].end)
                sp[m - 1].end = sp[k].end;
            if (sp[k].severity > sp[m - 1].severity)
                sp[m - 1].severity = sp[k].severity;
        } else {
            sp[m++] = sp[k];
        }
    }
    *out = sp;
    *n_out = m;
    return AL_OK;
}

int al_bead_runs(const al_result *r, size_t bead, int side, al_run_fn fn,
                 void *ud)
{
    const al_bead *bd = al_result_bead(r, bead);
    const al_text *t = al_result_text(r, side);
    size_t begin = side == AL_SOURCE ? bd->src_begin : bd->tgt_begin;
    size_t count = side == AL_SOURCE ? bd->src_len : bd->tgt_len;
    span *sp = NULL;
    size_t n_sp = 0, j = 0;
    int rc = bead_spans(r, bead, side, &sp, &n_sp);
    for (size_t i = begin; rc == AL_OK && i < begin + count; i++) {
        size_t len;
        const char *s = al_text_sentence(t, i, &len);
        size_t off = al_text_sentence_offset(t, i), pos = off, end = off + len;
        if (i > begin)
            rc = fn(" ", 1, 0, ud);
        while (j < n_sp && sp[j].end <= pos)
            j++;
        for (size_t k = j; rc == AL_OK && k < n_sp && sp[k].begin < end;
             k++) {
            size_t b = sp[k].begin > pos ? sp[k].begin : pos;
            size_t e = sp[k].end < end ? sp[k].end : end;
            if (b > pos)
                rc = fn(s + (pos - off), b - pos, 0, ud);
            if (rc == AL_OK)
                rc = fn(s + (b - off), e - b, 1 + sp[k].severity, ud);
            pos = e;
        }
        if (rc == AL_OK && pos < end)
            rc = fn(s + (pos - off), end - pos, 0, ud);
    }
    free(sp);
    return rc;
}

/* ---- ids, flag descriptions and counts ---- */

int al_buf_id_range(al_buf *b, size_t begin, size_t n)
{
    if (n == 0)
        return al_buf_str(b, "\xE2\x80\x94");
    if (n == 1)
        return al_buf_printf(b, "%zu", begin + 1);
    return al_buf_printf(b, "%zu\xE2\x80\x93%zu", begin + 1, begin + n);
}

const char *al_flag_description(al_flag_code code)
{
    /* At most 40 characters: the report's table has room for no more. */
    static const char *const what[AL_FLAG_COUNT] = {
        "source text with no translation",
        "translation text with no source",
        "lengths of the two sides differ a lot",
        "a number differs between the sides",
        "the translation repeats the source",
        "translation not in the target language",
        "the translation is garbled",
        "damaged characters in the translation",
        "a name is missing on one side",
        "punctuation does not match",
        "the alignment of this pair is uncertain",
    };
    return (int)code >= 0 && code < AL_FLAG_COUNT ? what[code] : "?";
}


void al_flag_stats_compute(const al_result *r, al_flag_stats *st)
{
    memset(st, 0, sizeof *st);
    for (size_t i = 0; i < al_result_count(r); i++) {
        size_t nf = al_result_flag_count(r, i);
        bool seen[AL_FLAG_COUNT] = {false};
        if (nf > 0)
            st->flagged_beads++;
        for (size_t k = 0; k < nf; k++) {
            const al_flag *f = al_result_flag(r, i, k);
            if ((int)f->code < 0 || f->code >= AL_FLAG_COUNT ||
                (int)f->severity < 0 || f->severity > AL_ERROR)
                continue;
            st->flags[f->code]++;
            st->by_severity[f->severity]++;
            if ((int)f->severity > st->severity[f->code])
                st->severity[f->code] = (int)f->severity;
            if (!seen[f->code])
                st->beads[f->code]++;
            seen[f->code] = true;
            st->total++;
        }
    }
}

/* ---- two columns for the terminal formats ---- */

/* Display width of code point CP in a terminal (0 for combining marks). */
static size_t cp_width(int32_t cp)
{
    int w = utf8proc_charwidth(cp);
    return w > 0 ? (size_t)w : 0;
}

size_t al_wrap_line(const char *s, size_t n, size_t *pos, size_t width,
                    size_t *start_out, size_t *cols)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = *pos, w = 0;
    while (i < n && p[i] == ' ')
        i++;
    size_t start = i, brk = 0, brk_w = 0;
    *start_out = start;
    bool have_brk = false;
    while (i < n) {
        int32_t cp;
        size_t k = al_utf8_decode(p + i, n - i, &cp);
        if (k == 0)
            k = 1;
        if (cp == ' ') {
            brk = i;
            brk_w = w;
            have_brk = true;
        }
        size_t cw = cp == ' ' ? 1 : cp_width(cp);
        if (w + cw > width && cp != ' ') {
            if (have_brk) {
                *pos = brk;
                *cols = brk_w;
                return brk;
            }
            if (i == start)         /* a character wider than the column */
                i += k, w += cw;
            break;
        }
        w += cw;
        i += k;
    }
    size_t end = i;
    if (end == n)                   /* trailing spaces do not count */
        while (end > start && p[end - 1] == ' ')
            end--, w--;
    *pos = i;
    *cols = w;
    return end;
}

int al_put_wrapped(al_buf *b, const char *s, size_t n, size_t indent,
                   size_t line)
{
    size_t width = line > indent + 20 ? line - indent : 20;
    size_t pos = 0, start, cols;
    int rc = AL_OK;
    bool first = true;
    while (rc == AL_OK && pos < n) {
        size_t end = al_wrap_line(s, n, &pos, width, &start, &cols);
        for (size_t k = 0; !first && rc == AL_OK && k < indent; k++)
            rc = al_buf_putc(b, ' ');
        if (rc == AL_OK) rc = al_buf_append(b, s + start, end - start);
        if (rc == AL_OK) rc = al_buf_putc(b, '\n');
        first = false;
    }
    return rc == AL_OK && first ? al_buf_putc(b, '\n') : rc;
}

static const char *const sgr_mark[] = {"", "\033[4;36m", "\033[4;33m",
                                       "\033[1;4;31m"};

/* Appends S[BEGIN, END) of column C with the escape sequences of its marks
 * when COLOR; pads to WIDTH columns (COLS used) when PAD. */
static int put_col_line(al_buf *b, const al_column *c, size_t begin,
                        size_t end, size_t cols, size_t width, bool pad,
                        int color)
{
    int rc = AL_OK, cur = 0;
    for (size_t i = begin; rc == AL_OK && i < end;) {
        size_t j = i;
        int m = color && c->mark ? c->mark[i] : 0;
        while (j < end && (color && c->mark ? c->mark[j] : 0) == m)
            j++;
        if (m != cur)
            rc = al_buf_append(b, m ? sgr_mark[m] : "\033[0m",
                               strlen(m ? sgr_mark[m] : "\033[0m"));
        cur = m;
        if (rc == AL_OK)
            rc = al_buf_append(b, c->text + i, j - i);
        i = j;
    }
    if (rc == AL_OK && cur != 0)
        rc = al_buf_append(b, "\033[0m", 4);
    for (size_t k = cols; pad && rc == AL_OK && k < width; k++)
        rc = al_buf_putc(b, ' ');
    return rc;
}

int al_put_columns(al_buf *b, const char *indent, const al_column *left,
                   const al_column *right, size_t width, int color)
{
    size_t lp = 0, rp = 0;
    int rc = AL_OK;
    do {
        size_t lb, lcols, rb, rcols;
        size_t le = al_wrap_line(left->text, left->len, &lp, width, &lb,
                                 &lcols);
        size_t re = al_wrap_line(right->text, right->len, &rp, width, &rb,
                                 &rcols);
        rc = al_buf_append(b, indent, strlen(indent));
        if (rc == AL_OK)
            rc = put_col_line(b, left, lb, le, lcols, width, true, color);
        if (rc == AL_OK)
            rc = al_buf_append(b, re > rb ? " \xE2\x94\x82 " : " \xE2\x94\x82",
                               re > rb ? 5 : 4);
        if (rc == AL_OK)
            rc = put_col_line(b, right, rb, re, rcols, width, false, color);
        if (rc == AL_OK)
            rc = al_buf_putc(b, '\n');
    } while (rc == AL_OK && (lp < left->len || rp < right->len));
    return rc;
}

/* Appends one run to a column: terminal-escaped text and a mark per byte. */
static int column_run(const char *s, size_t n, int mark, void *ud)
{
    al_column *c = ud;
    al_buf *text = &c->buf[0], *marks = &c->buf[1];
    size_t before = text->len;
    if (al_buf_escape(text, s, n, AL_ESC_TERM) != AL_OK)
        return AL_ENOMEM;
    for (size_t k = before; k < text->len; k++)
        if (al_buf_putc(marks, (char)mark) != AL_OK)
            return AL_ENOMEM;
    return AL_OK;
}

int al_column_fill(al_column *c, const al_result *r, size_t bead, int side)
{
    c->buf[0].len = c->buf[1].len = 0;
    int rc = al_bead_runs(r, bead, side, column_run, c);
    c->text = c->buf[0].data ? c->buf[0].data : "";
    c->mark = c->buf[1].data;
    c->len = c->buf[0].len;
    return rc;
}

int al_column_set(al_column *c, const char *s, size_t n)
{
    c->buf[0].len = c->buf[1].len = 0;
    int rc = al_buf_escape(&c->buf[0], s, n, AL_ESC_TERM);
    c->text = c->buf[0].data ? c->buf[0].data : "";
    c->mark = NULL;
    c->len = c->buf[0].len;
    return rc;
}

void al_column_free(al_column *c)
{
    al_buf_free(&c->buf[0]);
    al_buf_free(&c->buf[1]);
}

int al_put_bead_columns(al_buf *b, const char *indent, al_column col[2],
                        const al_result *r, size_t bead, size_t width,
                        int color)
{
    int rc = AL_OK;
    for (int side = 0; rc == AL_OK && side < 2; side++)
        rc = al_column_fill(&col[side], r, bead, side);
    for (int side = 0; rc == AL_OK && side < 2; side++)
        if (col[side].len == 0)
            rc = al_column_set(&col[side], "\xE2\x80\x94", 3);
    if (rc == AL_OK)
        rc = al_put_columns(b, indent, &col[0], &col[1], width, color);
    return rc == AL_OK ? al_buf_putc(b, '\n') : rc;
}

/* ---- dispatch ---- */

static al_writer_fn writer_for(al_format fmt)
{
    switch (fmt) {
    case AL_FORMAT_TSV: return al_write_tsv;
    case AL_FORMAT_JSONL: return al_write_jsonl;
    case AL_FORMAT_TMX: return al_write_tmx;
    case AL_FORMAT_XLIFF: return al_write_xliff;
    case AL_FORMAT_BEADS: return al_write_beads;
    case AL_FORMAT_LADDER: return al_write_ladder;
    case AL_FORMAT_TEXT: return al_write_text;
    case AL_FORMAT_HTML: return al_write_html;
    case AL_FORMAT_REPORT: return al_write_report;
    default: return NULL;
    }
}

int al_write(const al_result *r, al_format fmt, FILE *out,
             const al_write_options *wo, al_error *err)
{
    al_write_options defaults = {0};
    al_writer_fn fn = writer_for(fmt);
    if (r == NULL || out == NULL)
        return al_fail(err, AL_EINVAL, "al_write needs a result and a file");
    if (fn == NULL)
        return al_fail(err, AL_EINVAL, "output format '%s' is not available",
                       al_format_name(fmt));
    errno = 0;
    int rc = fn(r, out, wo ? wo : &defaults);
    if (rc == AL_ENOMEM)
        return al_fail(err, rc, "out of memory while writing");
    if (rc != AL_OK || ferror(out))
        return al_fail(err, AL_EIO, "write error: %s",
                       strerror(errno ? errno : EIO));
    return AL_OK;
}
