/* Unit tests of write.c: escaping per output syntax, word wrap, flag spans
 * as marked runs, and al_write's errors. */
#include "config.h"
#include "internal.h"
#include "tap.h"

#include <stdlib.h>

/* S escaped in MODE, as a NUL-terminated string (static buffer). */
static const char *escape(const char *s, size_t n, al_escape mode)
{
    static char out[512];
    al_buf b = {0};
    if (al_buf_escape(&b, s, n, mode) != AL_OK || b.len >= sizeof out) {
        al_buf_free(&b);
        return "(error)";
    }
    memcpy(out, b.data ? b.data : "", b.len);
    out[b.len] = '\0';
    al_buf_free(&b);
    return out;
}

/* The lines of S wrapped to WIDTH, joined by '|'. */
static const char *wrap(const char *s, size_t width)
{
    static char out[512];
    size_t pos = 0, n = strlen(s), o = 0, start, cols;
    out[0] = '\0';
    while (pos < n && o < sizeof out - 64) {
        size_t end = al_wrap_line(s, n, &pos, width, &start, &cols);
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s(%zu)",
                              o ? "|" : "", (int)(end - start), s + start,
                              cols);
    }
    return out;
}

static int collect(const char *s, size_t n, int mark, void *ud)
{
    al_buf *b = ud;
    return mark ? al_buf_printf(b, "[%d:%.*s]", mark, (int)n, s)
                : al_buf_append(b, s, n);
}

int main(void)
{
    static const char hostile[] = "<a href=\"x\">&'\x01\t\x1b\x7f\xc2\x80"
                                  "\xef\xbf\xbe\xe2\x80\xa8\xc3\xa9\\";
    size_t hn = sizeof hostile - 1;
    is_str(escape(hostile, hn, AL_ESC_XML),
           "&lt;a href=&quot;x&quot;&gt;&amp;'\xef\xbf\xbd \xef\xbf\xbd"
           "&#x7F;&#x80;\xef\xbf\xbd\xe2\x80\xa8\xc3\xa9\\",
           "XML: markup escaped, C0 and U+FFFE as U+FFFD, DEL/C1 as refs");
    is_str(escape(hostile, hn, AL_ESC_HTML),
           "&lt;a href=&quot;x&quot;&gt;&amp;&#39;\xe2\x90\x81 \xe2\x90\x9b"
           "\xe2\x90\xa1\xef\xbf\xbd\xef\xbf\xbd\xe2\x80\xa8\xc3\xa9\\",
           "HTML: markup escaped, controls as pictures, C1 as U+FFFD");
    is_str(escape(hostile, hn, AL_ESC_JSON),
           "<a href=\\\"x\\\">&'\\u0001\\t\\u001b\\u007f\\u0080"
           "\xef\xbf\xbe\\u2028\xc3\xa9\\\\",
           "JSON: everything kept, controls as \\u escapes");
    is_str(escape(hostile, hn, AL_ESC_TERM),
           "<a href=\"x\">&'\xe2\x90\x81 \xe2\x90\x9b\xe2\x90\xa1\xef\xbf\xbd"
           "\xef\xbf\xbd\xe2\x80\xa8\xc3\xa9\\",
           "terminal: no control character gets through");
    is_str(escape("a\xff" "b\xc3", 4, AL_ESC_XML),
           "a\xef\xbf\xbd" "b\xef\xbf\xbd", "bytes that are not UTF-8 as U+FFFD");
    is_str(escape("", 0, AL_ESC_HTML), "", "empty text");

    is_str(wrap("one two three four", 9), "one two(7)|three(5)|four(4)",
           "greedy word wrap");
    is_str(wrap("abcdefghij klm", 4), "abcd(4)|efgh(4)|ij(2)|klm(3)",
           "a word longer than the line is cut");
    is_str(wrap("\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd x", 5),
           "\xe6\x9d\xb1\xe4\xba\xac(4)|\xe9\x83\xbd x(4)",
           "wide characters count two columns");
    is_str(wrap("e\xcc\x81t\xc3\xa9  ", 10), "e\xcc\x81t\xc3\xa9(3)",
           "combining marks count zero, trailing spaces dropped");

    /* A result built by hand, so these tests do not depend on what the
     * aligner and the checker find. */
    al_options opt;
    al_error err;
    al_options_init(&opt);
    opt.presegmented = 1;
    opt.lang[0] = "fr";
    opt.lang[1] = "de";
    al_model *m = al_model_new(&opt, &err);
    const char *fr = "Il y avait 1\xe2\x80\xaf" "500 touristes.\n"
                     "Une autre phrase ici.\n";
    const char *de = "Es gab 1.800 Touristen.\nEin anderer Satz hier.\n";
    al_text *s = m ? al_text_from_bytes(m, AL_SOURCE, "fr", fr, strlen(fr),
                                        &err) : NULL;
    al_text *t = m ? al_text_from_bytes(m, AL_TARGET, "de", de, strlen(de),
                                        &err) : NULL;
    al_result *r = s && t ? al_calloc(1, sizeof *r) : NULL;
    ok(r != NULL && al_text_count(s) == 2 && al_text_count(t) == 2,
       "two sentences a side");
    if (r != NULL) {
        size_t sb = (size_t)(strstr(fr, "1\xe2\x80\xaf") - fr);
        size_t tb = (size_t)(strstr(de, "1.800") - de);
        r->text[AL_SOURCE] = s;
        r->text[AL_TARGET] = t;
        r->beads = al_calloc(2, sizeof *r->beads);
        r->n_beads = 2;
        r->beads[0] = (al_bead){0, 1, 0, 1, 0.9};
        r->beads[1] = (al_bead){1, 1, 1, 1, 0.8};
        /* Ends inside U+202F (3 bytes after the 1). */
        al_result_add_flag(r, 0, AL_FLAG_NUMBER, AL_WARNING, AL_SOURCE, sb,
                           sb + 2, "source number");
        al_result_add_flag(r, 0, AL_FLAG_NUMBER, AL_ERROR, AL_TARGET, tb,
                           tb + 5, "target number");
        al_result_add_flag(r, 0, AL_FLAG_LOW_CONFIDENCE, AL_INFO, AL_TARGET,
                           tb + 2, tb + 9, "overlaps the number");
        r->flag_first = al_calloc(3, sizeof *r->flag_first);
        r->flag_first[1] = r->flag_first[2] = r->n_flags;
    }
    al_buf b = {0};
    if (r != NULL && al_bead_runs(r, 0, AL_TARGET, collect, &b) == AL_OK)
        is_mem(b.data, b.len, "Es gab [3:1.800 Tou]risten.",
               "overlapping spans merged, marked with the worst severity");
    b.len = 0;
    if (r != NULL && al_bead_runs(r, 0, AL_SOURCE, collect, &b) == AL_OK)
        is_mem(b.data, b.len, "Il y avait [2:1\xe2\x80\xaf]500 touristes.",
               "a span ending inside a character takes the character");
    b.len = 0;
    if (r != NULL && al_bead_runs(r, 1, AL_SOURCE, collect, &b) == AL_OK)
        is_mem(b.data, b.len, "Une autre phrase ici.", "no flag: one run");
    al_buf_free(&b);

    al_flag_stats st;
    if (r != NULL) {
        al_flag_stats_compute(r, &st);
        is_int(st.flags[AL_FLAG_NUMBER], 2, "two number flags");
        is_int(st.beads[AL_FLAG_NUMBER], 1, "in one bead");
        is_int(st.severity[AL_FLAG_NUMBER], AL_ERROR, "worst severity");
        is_int(st.flagged_beads, 1, "one flagged bead");
        is_int(st.total, 3, "three flags");
    }

    is_int(al_write(r, AL_FORMAT_COUNT, stdout, NULL, &err), AL_EINVAL,
           "unknown format refused");
    FILE *ro = fopen("/dev/null", "r");
    if (ro != NULL && r != NULL) {
        is_int(al_write(r, AL_FORMAT_HTML, ro, NULL, &err), AL_EIO,
               "write to a read-only stream is AL_EIO");
        fclose(ro);
    }
    al_result_free(r);
    al_text_free(s);
    al_text_free(t);
    al_model_free(m);
    return done_testing();
}
