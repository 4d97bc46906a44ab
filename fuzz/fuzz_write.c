/*
 * fuzz_write.c - every output writer on every aligned pair.
 *
 * Input: an option byte and two texts (see fuzz.h). The pair is aligned,
 * then written in each format al_write offers (formats not available yet
 * answer AL_EINVAL and are skipped), with default options and again with
 * colors on and file names full of characters that need escaping.
 * Checks: al_write succeeds; the output is valid UTF-8 without NUL bytes;
 * TSV has a header and one line of six fields per bead; beads has one line
 * per bead that reads back as that bead; each JSONL line is one JSON value;
 * TMX and XLIFF are well-formed XML 1.0.
 */
#include "fuzz.h"

#include <stdbool.h>

/* ---- JSON: one value per line ---- */

static const char *json_value(const char *p, const char *e, int depth);

static const char *json_ws(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

static const char *json_string(const char *p, const char *e)
{
    if (p >= e || *p != '"')
        return NULL;
    for (p++; p < e; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"')
            return p + 1;
        if (c < 0x20)
            return NULL;
        if (c != '\\')
            continue;
        if (++p >= e)
            return NULL;
        if (*p == 'u') {
            for (int k = 0; k < 4; k++)
                if (++p >= e || !strchr("0123456789abcdefABCDEF", *p))
                    return NULL;
        } else if (!strchr("\"\\/bfnrt", *p) || *p == '\0') {
            return NULL;
        }
    }
    return NULL;
}

static const char *json_number(const char *p, const char *e)
{
    const char *b = p;
    if (p < e && *p == '-')
        p++;
    if (p < e && *p == '0')
        p++;
    else if (p < e && *p >= '1' && *p <= '9')
        while (p < e && *p >= '0' && *p <= '9')
            p++;
    else
        return NULL;
    if (p < e && *p == '.') {
        const char *d = ++p;
        while (p < e && *p >= '0' && *p <= '9')
            p++;
        if (p == d)
            return NULL;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < e && (*p == '+' || *p == '-'))
            p++;
        const char *d = p;
        while (p < e && *p >= '0' && *p <= '9')
            p++;
        if (p == d)
            return NULL;
    }
    return p > b ? p : NULL;
}

static const char *json_seq(const char *p, const char *e, int depth,
                            char close, bool object)
{
    p = json_ws(p + 1, e);
    if (p < e && *p == close)
        return p + 1;
    for (;;) {
        if (object) {
            p = json_string(json_ws(p, e), e);
            if (p == NULL)
                return NULL;
            p = json_ws(p, e);
            if (p >= e || *p != ':')
                return NULL;
            p++;
        }
        p = json_value(p, e, depth + 1);
        if (p == NULL)
            return NULL;
        p = json_ws(p, e);
        if (p < e && *p == ',') {
            p++;
            continue;
        }
        return p < e && *p == close ? p + 1 : NULL;
    }
}

static const char *json_value(const char *p, const char *e, int depth)
{
    p = json_ws(p, e);
    if (p >= e || depth > 64)
        return NULL;
    switch (*p) {
    case '{': return json_seq(p, e, depth, '}', true);
    case '[': return json_seq(p, e, depth, ']', false);
    case '"': return json_string(p, e);
    case 't': return e - p >= 4 && !memcmp(p, "true", 4) ? p + 4 : NULL;
    case 'f': return e - p >= 5 && !memcmp(p, "false", 5) ? p + 5 : NULL;
    case 'n': return e - p >= 4 && !memcmp(p, "null", 4) ? p + 4 : NULL;
    default: return json_number(p, e);
    }
}

static void check_jsonl(const char *s, size_t n)
{
    const char *p = s, *e = s + n;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        FUZZ_ASSERT(nl != NULL);              /* every line ends */
        const char *v = json_value(p, nl, 0);
        FUZZ_ASSERT(v != NULL && json_ws(v, nl) == nl);
        p = nl + 1;
    }
}

/* ---- XML 1.0 well-formedness (the parts a writer can get wrong) ---- */

static bool xml_char(int32_t cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD ||
           (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
           (cp >= 0x10000 && cp <= 0x10FFFF);
}

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
           c == ':' || (unsigned char)c >= 0x80;
}

/* Checks a reference at P ('&'); returns the position after it. */
static const char *xml_ref(const char *p, const char *e)
{
    const char *semi = memchr(p, ';', (size_t)(e - p));
    FUZZ_ASSERT(semi != NULL && semi > p + 1);
    if (p[1] == '#') {
        bool hex = semi > p + 2 && p[2] == 'x';
        const char *d = p + (hex ? 3 : 2);
        FUZZ_ASSERT(d < semi);
        long v = 0;
        for (const char *q = d; q < semi; q++) {
            int x = *q >= '0' && *q <= '9' ? *q - '0'
                  : hex && *q >= 'a' && *q <= 'f' ? *q - 'a' + 10
                  : hex && *q >= 'A' && *q <= 'F' ? *q - 'A' + 10 : -1;
            FUZZ_ASSERT(x >= 0 && v < 0x110000);
            v = v * (hex ? 16 : 10) + x;
        }
        FUZZ_ASSERT(xml_char((int32_t)v));
    } else {
        size_t n = (size_t)(semi - p - 1);
        static const char *const names[] = {"amp", "lt", "gt", "quot",
                                            "apos"};
        bool known = false;
        for (size_t k = 0; k < 5; k++)
            if (strlen(names[k]) == n && memcmp(p + 1, names[k], n) == 0)
                known = true;
        FUZZ_ASSERT(known);
    }
    return semi + 1;
}

/* Skips past the first END after P; asserts it is there. */
static const char *xml_skip(const char *p, const char *e, const char *end)
{
    size_t n = strlen(end);
    for (; p + n <= e; p++)
        if (memcmp(p, end, n) == 0)
            return p + n;
    FUZZ_ASSERT(!"unterminated markup");
    return e;
}

/* A start or end tag at P ('<'); pushes or pops STACK. */
static const char *xml_tag(const char *p, const char *e, const char **stack,
                           size_t *len, size_t *depth, size_t *roots)
{
    bool end = p + 1 < e && p[1] == '/';
    const char *nb = p + (end ? 2 : 1), *q = nb;
    while (q < e && name_char(*q))
        q++;
    FUZZ_ASSERT(q > nb);
    size_t nl = (size_t)(q - nb);
    while (q < e && *q != '>' && !(*q == '/' && q + 1 < e && q[1] == '>')) {
        if (*q == '"' || *q == '\'') {
            char quote = *q++;
            while (q < e && *q != quote) {
                FUZZ_ASSERT(*q != '<');
                q = *q == '&' ? xml_ref(q, e) : q + 1;
            }
            FUZZ_ASSERT(q < e);
        }
        FUZZ_ASSERT(*q != '<');
        q++;
    }
    FUZZ_ASSERT(q < e);
    bool empty = *q == '/';
    if (end) {
        FUZZ_ASSERT(*depth > 0 && len[*depth - 1] == nl &&
                    memcmp(stack[*depth - 1], nb, nl) == 0);
        (*depth)--;
    } else if (!empty) {
        FUZZ_ASSERT(*depth < 64);
        if (*depth == 0)
            (*roots)++;
        stack[*depth] = nb;
        len[(*depth)++] = nl;
    } else if (*depth == 0) {
        (*roots)++;
    }
    return q + (empty ? 2 : 1);
}

static void check_xml(const char *s, size_t n)
{
    const char *p = s, *e = s + n;
    const char *stack[64];
    size_t len[64], depth = 0, roots = 0;
    while (p < e) {
        if (*p == '<') {
            if (e - p >= 4 && memcmp(p, "<!--", 4) == 0)
                p = xml_skip(p, e, "-->");
            else if (e - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
                p = xml_skip(p, e, "]]>");
            else if (e - p >= 2 && (p[1] == '?' || p[1] == '!'))
                p = xml_skip(p, e, ">");
            else
                p = xml_tag(p, e, stack, len, &depth, &roots);
            continue;
        }
        if (*p == '&') {
            FUZZ_ASSERT(depth > 0);
            p = xml_ref(p, e);
            continue;
        }
        int32_t cp;
        size_t k = al_utf8_decode((const unsigned char *)p, (size_t)(e - p),
                                  &cp);
        FUZZ_ASSERT(k > 0 && xml_char(cp));
        FUZZ_ASSERT(depth > 0 || cp == ' ' || cp == '\n' || cp == '\r' ||
                    cp == '\t');
        p += k;
    }
    FUZZ_ASSERT(depth == 0 && roots == 1);
}

/* ---- TSV and beads ---- */

static void check_tsv(const al_result *r, const char *s, size_t n)
{
    static const char header[] = "src_ids\ttgt_ids\tscore\tflags\tsource\t"
                                 "target\n";
    FUZZ_ASSERT(n >= sizeof header - 1 &&
                memcmp(s, header, sizeof header - 1) == 0);
    size_t lines = 0, tabs = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\t')
            tabs++;
        if (s[i] == '\n') {
            FUZZ_ASSERT(tabs == 5);
            tabs = 0;
            lines++;
        }
    }
    FUZZ_ASSERT(n > 0 && s[n - 1] == '\n');
    FUZZ_ASSERT(lines == al_result_count(r) + 1);
}

/* Reads "[a, b, ...]" at *P: the first index and the count. */
static void read_list(const char **p, size_t *begin, size_t *count)
{
    const char *q = *p;
    FUZZ_ASSERT(*q == '[');
    q++;
    *count = 0;
    while (*q != ']') {
        char *end;
        size_t v = (size_t)strtoull(q, &end, 10);
        FUZZ_ASSERT(end > q);
        if (*count == 0)
            *begin = v;
        else
            FUZZ_ASSERT(v == *begin + *count);
        (*count)++;
        q = end;
        if (*q == ',') {
            FUZZ_ASSERT(q[1] == ' ');
            q += 2;
        }
    }
    *p = q + 1;
}

static void check_beads(const al_result *r, const char *s, size_t n)
{
    const char *p = s;
    for (size_t i = 0; i < al_result_count(r); i++) {
        const al_bead *b = al_result_bead(r, i);
        size_t sb = b->src_begin, sn, tb = b->tgt_begin, tn;
        read_list(&p, &sb, &sn);
        FUZZ_ASSERT(*p++ == ':');
        read_list(&p, &tb, &tn);
        FUZZ_ASSERT(*p++ == ':');
        FUZZ_ASSERT(sn == b->src_len && tn == b->tgt_len);
        FUZZ_ASSERT(sb == b->src_begin && tb == b->tgt_begin);
        char *end;
        double cost = strtod(p, &end);
        FUZZ_ASSERT(end > p && *end == '\n');
        FUZZ_ASSERT(cost >= 0 && cost <= 1);
        p = end + 1;
    }
    FUZZ_ASSERT(p == s + n);
}

/* ---- driver ---- */

static void write_all(const al_result *r, const al_write_options *wo)
{
    for (int f = 0; f < AL_FORMAT_COUNT; f++) {
        char *buf = NULL;
        size_t n = 0;
        FILE *out = open_memstream(&buf, &n);
        FUZZ_ASSERT(out != NULL);
        al_error err;
        int rc = al_write(r, (al_format)f, out, wo, &err);
        FUZZ_ASSERT(fclose(out) == 0);
        if (rc == AL_EINVAL) {            /* a format not written yet */
            FUZZ_ASSERT(strstr(err.message, "is not available") != NULL);
            free(buf);
            continue;
        }
        FUZZ_ASSERT(rc == AL_OK);
        FUZZ_ASSERT(fuzz_valid_utf8(buf, n));
        const char *name = al_format_name((al_format)f);
        if (strcmp(name, "tsv") == 0)
            check_tsv(r, buf, n);
        else if (strcmp(name, "beads") == 0)
            check_beads(r, buf, n);
        else if (strcmp(name, "jsonl") == 0)
            check_jsonl(buf, n);
        else if (strcmp(name, "tmx") == 0 || strcmp(name, "xliff") == 0)
            check_xml(buf, n);
        free(buf);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src, *tgt;
    size_t src_len, tgt_len;
    al_model *m = fuzz_pair(data, size, &src, &src_len, &tgt, &tgt_len);
    if (m == NULL)
        return 0;
    al_error err;
    al_text *s = al_text_from_bytes(m, AL_SOURCE, "src.txt", src, src_len,
                                    &err);
    al_text *t = s ? al_text_from_bytes(m, AL_TARGET, "tgt.txt", tgt,
                                        tgt_len, &err) : NULL;
    al_result *r = t ? al_align(m, s, t, &err) : NULL;
    if (r != NULL) {
        write_all(r, NULL);
        al_write_options wo = {0};
        wo.color = 1;
        wo.source_name = "a&b <c>\"d\".txt";
        wo.target_name = "]]> 'e' \xC3\xA9.txt";
        write_all(r, &wo);
    }
    al_result_free(r);
    al_text_free(t);
    al_text_free(s);
    return 0;
}
