/*
 * write_html.c - the report for editors as one self-contained HTML page:
 * no network, no external script, style sheet or font. It shows the files,
 * a summary of flags per code with a bar chart (CSS), filters by flag code
 * and severity and "flagged pairs only" (inline script), then every pair
 * side by side, flagged pairs highlighted with their reasons and the
 * flagged words marked. Keys j/n and k/p (or the buttons) move to the next
 * and previous flagged pair. Two columns on a wide screen, one on a phone.
 *
 * The page can be opened with filters in its address:
 * file.html#codes=number,omission&sev=error&flagged (all optional).
 *
 * Every text from the input is escaped (AL_ESC_HTML): control characters
 * appear as their pictures, never as markup or raw bytes.
 */
#include "config.h"
#include "internal.h"

#include <string.h>

static const char css[] =
":root{--err:#b3261e;--err-bg:#fdecea;--warn:#8a5300;--warn-bg:#fff4dc;"
"--info:#1a5fb4;--info-bg:#e7f0fb;--fg:#1c1c1e;--mut:#5f6368;--line:#dadce0;"
"--bg:#fff}\n"
"*{box-sizing:border-box}\n"
"body{margin:0;background:var(--bg);color:var(--fg);"
"font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
"\"DejaVu Sans\",sans-serif}\n"
"header,.summary,main,footer{max-width:84rem;margin:0 auto;padding:0 1rem}\n"
"h1{font-size:1.4rem;margin:1rem 0 .25rem}\n"
"h2{font-size:1.1rem;margin:1rem 0 .5rem}\n"
".files{margin:0;color:var(--mut);overflow-wrap:anywhere}\n"
".files b{color:var(--fg);font-weight:600}\n"
".total{margin:.5rem 0 0;font-size:1.05rem}\n"
"table.chart{border-collapse:collapse;width:100%;max-width:48rem}\n"
".chart th,.chart td{padding:.2rem .5rem;text-align:left;"
"border-bottom:1px solid var(--line);vertical-align:middle}\n"
".chart td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
".chart label{white-space:nowrap}\n"
".chart .barcell{width:40%}\n"
".bar{display:block;height:.9rem;min-width:3px;border-radius:2px;"
"background:var(--info)}\n"
".sev-warning .bar{background:var(--warn)}\n"
".sev-error .bar{background:var(--err)}\n"
".meaning{color:var(--mut);font-size:.9rem}\n"
".controls{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;"
"margin:.75rem 0}\n"
".controls fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;"
"gap:.25rem .75rem}\n"
".controls legend{float:left;margin-right:.5rem;font-weight:600}\n"
"button{font:inherit;padding:.3rem .8rem;border:1px solid var(--line);"
"border-radius:4px;background:#f8f9fa;cursor:pointer}\n"
"kbd{border:1px solid var(--line);border-radius:3px;padding:0 .3rem;"
"font-size:.85em}\n"
".keys{color:var(--mut);font-size:.9rem;margin:.25rem 0}\n"
".pair{display:grid;grid-template-columns:7rem minmax(0,1fr) minmax(0,1fr);"
"gap:.25rem 1rem;padding:.5rem .75rem;border-top:1px solid var(--line);"
"border-left:4px solid transparent}\n"
".pair.head{position:sticky;top:0;z-index:1;background:var(--bg);"
"font-weight:600;border-bottom:1px solid var(--line)}\n"
".meta{color:var(--mut);font-size:.85rem;display:flex;flex-direction:column}\n"
".meta a{color:inherit}\n"
".src,.tgt{overflow-wrap:anywhere}\n"
".none{color:var(--mut);font-style:italic}\n"
".flagged{background:var(--info-bg);border-left-color:var(--info)}\n"
".flagged.sev-warning{background:var(--warn-bg);"
"border-left-color:var(--warn)}\n"
".flagged.sev-error{background:var(--err-bg);border-left-color:var(--err)}\n"
".pair.current{outline:3px solid var(--fg);outline-offset:-3px}\n"
".reasons{grid-column:2/4;margin:0;padding:0;list-style:none}\n"
".reasons li{margin:.1rem 0}\n"
".reasons .code{font-weight:700}\n"
".reasons .sev{display:inline-block;min-width:5.5rem;font-size:.8rem;"
"text-transform:uppercase;letter-spacing:.03em;font-weight:700}\n"
"li.sev-error .sev{color:var(--err)}\n"
"li.sev-warning .sev{color:var(--warn)}\n"
"li.sev-info .sev{color:var(--info)}\n"
"mark{background:#bbdefb;border-radius:2px;padding:0 1px}\n"
"mark.sev-warning{background:#ffe08a}\n"
"mark.sev-error{background:#f4a7a0}\n"
"[hidden]{display:none!important}\n"
"footer{color:var(--mut);font-size:.85rem;margin:1.5rem auto}\n"
"@media (max-width:40rem){\n"
" .pair{grid-template-columns:minmax(0,1fr);padding:.5rem}\n"
" .pair.head{display:none}\n"
" .meta{flex-direction:row;gap:.75rem}\n"
" .reasons{grid-column:1}\n"
" .src::before,.tgt::before{content:attr(data-lang);display:inline-block;"
"min-width:1.8rem;margin-right:.3rem;font-size:.75rem;font-weight:700;"
"color:var(--mut);text-transform:uppercase}\n"
" .chart .meaning{display:none}\n"
"}\n";

static const char script[] =
"(function () {\n"
"  'use strict';\n"
"  var doc = document;\n"
"  var pairs = [].slice.call(doc.querySelectorAll('main .pair[data-flags]'));\n"
"  var codes = [].slice.call(doc.querySelectorAll('input.f-code'));\n"
"  var sevs = [].slice.call(doc.querySelectorAll('input.f-sev'));\n"
"  var only = doc.getElementById('f-only');\n"
"  var pos = doc.getElementById('pos');\n"
"  var current = null;\n"
"  function on(list) {\n"
"    var set = {};\n"
"    list.forEach(function (i) { if (i.checked) set[i.value] = true; });\n"
"    return set;\n"
"  }\n"
"  function flagged() {\n"
"    return pairs.filter(function (p) {\n"
"      return p.getAttribute('data-flags') !== '' && !p.hidden;\n"
"    });\n"
"  }\n"
"  function count() {\n"
"    var v = flagged(), i = v.indexOf(current);\n"
"    if (pos) pos.textContent = (i < 0 ? '\\u2013' : i + 1) + ' / ' + v.length;\n"
"  }\n"
"  function apply() {\n"
"    var c = on(codes), s = on(sevs), o = only && only.checked;\n"
"    pairs.forEach(function (p) {\n"
"      var f = p.getAttribute('data-flags');\n"
"      var show = f === '' ? !o : f.split(' ').some(function (x) {\n"
"        var a = x.split(':');\n"
"        return c[a[0]] && s[a[1]];\n"
"      });\n"
"      p.hidden = !show;\n"
"    });\n"
"    if (current && current.hidden) current.classList.remove('current');\n"
"    count();\n"
"  }\n"
"  function go(step) {\n"
"    var v = flagged();\n"
"    if (v.length === 0) return;\n"
"    var i = v.indexOf(current);\n"
"    i = i < 0 ? (step > 0 ? 0 : v.length - 1)\n"
"              : (i + step + v.length) % v.length;\n"
"    if (current) current.classList.remove('current');\n"
"    current = v[i];\n"
"    current.classList.add('current');\n"
"    current.focus({preventScroll: true});\n"
"    current.scrollIntoView({block: 'center'});\n"
"    count();\n"
"  }\n"
"  codes.concat(sevs, only ? [only] : []).forEach(function (i) {\n"
"    i.addEventListener('change', apply);\n"
"  });\n"
"  var next = doc.getElementById('next'), prev = doc.getElementById('prev');\n"
"  if (next) next.addEventListener('click', function () { go(1); });\n"
"  if (prev) prev.addEventListener('click', function () { go(-1); });\n"
"  doc.addEventListener('keydown', function (e) {\n"
"    if (e.ctrlKey || e.metaKey || e.altKey) return;\n"
"    if (e.key === 'j' || e.key === 'n') { go(1); e.preventDefault(); }\n"
"    else if (e.key === 'k' || e.key === 'p') { go(-1); e.preventDefault(); }\n"
"  });\n"
"  function fromHash() {\n"
"    var h = decodeURIComponent(location.hash.replace(/^#/, ''));\n"
"    if (h.indexOf('=') < 0 && h !== 'flagged') return;\n"
"    h.split('&').forEach(function (kv) {\n"
"      var k = kv.split('=')[0], v = (kv.split('=')[1] || '').split(',');\n"
"      if (k === 'codes') codes.forEach(function (i) {\n"
"        i.checked = v.indexOf(i.value) >= 0;\n"
"      });\n"
"      if (k === 'sev') sevs.forEach(function (i) {\n"
"        i.checked = v.indexOf(i.value) >= 0;\n"
"      });\n"
"      if (k === 'flagged' && only) only.checked = true;\n"
"    });\n"
"  }\n"
"  fromHash();\n"
"  apply();\n"
"  doc.documentElement.setAttribute('data-ready', 'yes');\n"
"})();\n";

static int esc(al_buf *b, const char *s)
{
    return al_buf_escape(b, s, strlen(s), AL_ESC_HTML);
}

static int put_head(al_buf *b, const char *name[2])
{
    int rc = al_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
        "<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, "
        "initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"align %s\">\n<title>align: ",
        AL_VERSION_STRING);
    if (rc == AL_OK) rc = esc(b, name[0]);
    if (rc == AL_OK) rc = al_buf_str(b, " \xE2\x86\x94 ");
    if (rc == AL_OK) rc = esc(b, name[1]);
    if (rc == AL_OK) rc = al_buf_str(b, "</title>\n<style>\n");
    if (rc == AL_OK) rc = al_buf_str(b, css);
    if (rc == AL_OK) rc = al_buf_str(b, "</style>\n</head>\n<body>\n");
    return rc;
}

static int put_files(al_buf *b, const al_result *r, const char *name[2],
                     const al_flag_stats *st)
{
    static const char *const label[2] = {"Source", "Target"};
    int rc = al_buf_str(b, "<header>\n<h1>Alignment report</h1>\n");
    for (int side = 0; rc == AL_OK && side < 2; side++) {
        const al_text *t = al_result_text(r, side);
        rc = al_buf_printf(b, "<p class=\"files\">%s: <b>", label[side]);
        if (rc == AL_OK) rc = esc(b, name[side]);
        if (rc == AL_OK)
            rc = al_buf_printf(b, "</b> (%s, %zu sentence%s)</p>\n",
                               al_text_lang(t), al_text_count(t),
                               al_text_count(t) == 1 ? "" : "s");
    }
    size_t n = al_result_count(r);
    if (rc == AL_OK)
        rc = al_buf_printf(b, "<p class=\"total\"><strong>%zu</strong> of %zu "
                           "pair%s flagged: %zu error%s, %zu warning%s, %zu "
                           "info.</p>\n</header>\n", st->flagged_beads, n,
                           n == 1 ? "" : "s", st->by_severity[AL_ERROR],
                           st->by_severity[AL_ERROR] == 1 ? "" : "s",
                           st->by_severity[AL_WARNING],
                           st->by_severity[AL_WARNING] == 1 ? "" : "s",
                           st->by_severity[AL_INFO]);
    return rc;
}

/* The table of flag codes with bars and a filter box per code. */
static int put_chart(al_buf *b, const al_flag_stats *st)
{
    size_t max = 0;
    for (int c = 0; c < AL_FLAG_COUNT; c++)
        if (st->flags[c] > max)
            max = st->flags[c];
    int rc = al_buf_str(b, "<table class=\"chart\">\n<thead><tr><th>flag</th>"
                        "<th>severity</th><th class=\"n\">pairs</th>"
                        "<th class=\"n\">flags</th><th class=\"barcell\">"
                        "</th></tr></thead>\n<tbody>\n");
    for (int c = 0; rc == AL_OK && c < AL_FLAG_COUNT; c++) {
        if (st->flags[c] == 0)
            continue;
        const char *name = al_flag_name((al_flag_code)c);
        const char *sev = al_severity_name((al_severity)st->severity[c]);
        rc = al_buf_printf(b, "<tr class=\"sev-%s\" data-code=\"%s\"><td>"
            "<label><input type=\"checkbox\" class=\"f-code\" value=\"%s\" "
            "checked> %s</label><div class=\"meaning\">%s</div></td>"
            "<td>%s</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
            "<td class=\"barcell\"><span class=\"bar\" style=\"width:%.1f%%\">"
            "</span></td></tr>\n", sev, name, name, name,
            al_flag_description((al_flag_code)c), sev, st->beads[c],
            st->flags[c], 100.0 * (double)st->flags[c] / (double)max);
    }
    return rc == AL_OK ? al_buf_str(b, "</tbody>\n</table>\n") : rc;
}

static int put_summary(al_buf *b, const al_flag_stats *st)
{
    int rc = al_buf_str(b, "<section class=\"summary\" aria-label=\"flags\">\n"
                        "<h2>Flags by code</h2>\n");
    if (rc == AL_OK && st->total == 0)
        return al_buf_str(b, "<p>No flags.</p>\n</section>\n");
    if (rc == AL_OK) rc = put_chart(b, st);
    if (rc == AL_OK)
        rc = al_buf_str(b, "<div class=\"controls\">\n<fieldset><legend>"
                        "Severity</legend>");
    for (int s = AL_ERROR; rc == AL_OK && s >= AL_INFO; s--)
        rc = al_buf_printf(b, "<label><input type=\"checkbox\" class=\"f-sev\""
                           " value=\"%s\" checked> %s (%zu)</label>",
                           al_severity_name((al_severity)s),
                           al_severity_name((al_severity)s),
                           st->by_severity[s]);
    if (rc == AL_OK)
        rc = al_buf_str(b, "</fieldset>\n<label><input type=\"checkbox\" "
            "id=\"f-only\"> flagged pairs only</label>\n<span class=\"nav\">"
            "<button type=\"button\" id=\"prev\">\xE2\x97\x80 previous</button> "
            "<button type=\"button\" id=\"next\">next \xE2\x96\xB6</button> "
            "<span id=\"pos\"></span></span>\n</div>\n<p class=\"keys\">"
            "Keys: <kbd>j</kbd> or <kbd>n</kbd> next flagged pair, <kbd>k</kbd>"
            " or <kbd>p</kbd> previous.</p>\n</section>\n");
    return rc;
}

/* One run of a side's text, marked when it lies in a flag span. */
static int html_run(const char *s, size_t n, int mark, void *ud)
{
    static const char *const open[] = {"", "<mark class=\"sev-info\">",
                                        "<mark class=\"sev-warning\">",
                                        "<mark class=\"sev-error\">"};
    al_buf *b = ud;
    int rc = mark > 0 && mark <= 3 ? al_buf_str(b, open[mark]) : AL_OK;
    if (rc == AL_OK) rc = al_buf_escape(b, s, n, AL_ESC_HTML);
    if (rc == AL_OK && mark > 0 && mark <= 3) rc = al_buf_str(b, "</mark>");
    return rc;
}

static int put_side(al_buf *b, const al_result *r, size_t i, int side)
{
    const al_bead *bd = al_result_bead(r, i);
    const char *lang = al_text_lang(al_result_text(r, side));
    size_t n = side == AL_SOURCE ? bd->src_len : bd->tgt_len;
    int rc = al_buf_printf(b, "<div class=\"%s\" lang=\"%s\" data-lang=\"%s\">",
                           side == AL_SOURCE ? "src" : "tgt", lang, lang);
    if (rc == AL_OK && n == 0)
        rc = al_buf_str(b, "<span class=\"none\">no sentence</span>");
    if (rc == AL_OK && n > 0)
        rc = al_bead_runs(r, i, side, html_run, b);
    return rc == AL_OK ? al_buf_str(b, "</div>") : rc;
}

static int put_reasons(al_buf *b, const al_result *r, size_t i)
{
    int rc = al_buf_str(b, "<ul class=\"reasons\">");
    for (size_t k = 0; rc == AL_OK && k < al_result_flag_count(r, i); k++) {
        const al_flag *f = al_result_flag(r, i, k);
        const char *sev = al_severity_name(f->severity);
        rc = al_buf_printf(b, "<li class=\"sev-%s\"><span class=\"sev\">%s"
                           "</span> <span class=\"code\">%s</span>: ", sev,
                           sev, al_flag_name(f->code));
        if (rc == AL_OK) rc = esc(b, f->message);
        if (rc == AL_OK) rc = al_buf_str(b, "</li>");
    }
    return rc == AL_OK ? al_buf_str(b, "</ul>") : rc;
}

static int put_pair(al_buf *b, const al_result *r, size_t i)
{
    const al_bead *bd = al_result_bead(r, i);
    size_t nf = al_result_flag_count(r, i);
    int worst = -1;
    for (size_t k = 0; k < nf; k++)
        if ((int)al_result_flag(r, i, k)->severity > worst)
            worst = (int)al_result_flag(r, i, k)->severity;
    int rc = al_buf_printf(b, "<div class=\"pair%s%s\" id=\"p%zu\"%s "
                           "data-flags=\"", nf ? " flagged sev-" : "",
                           nf ? al_severity_name((al_severity)worst) : "",
                           i + 1, nf ? " tabindex=\"-1\"" : "");
    for (size_t k = 0; rc == AL_OK && k < nf; k++) {
        const al_flag *f = al_result_flag(r, i, k);
        rc = al_buf_printf(b, "%s%s:%s", k ? " " : "", al_flag_name(f->code),
                           al_severity_name(f->severity));
    }
    if (rc == AL_OK)
        rc = al_buf_printf(b, "\">\n<div class=\"meta\"><a href=\"#p%zu\">"
                           "pair %zu</a><span>", i + 1, i + 1);
    if (rc == AL_OK) rc = al_buf_id_range(b, bd->src_begin, bd->src_len);
    if (rc == AL_OK) rc = al_buf_str(b, " \xE2\x86\x94 ");
    if (rc == AL_OK) rc = al_buf_id_range(b, bd->tgt_begin, bd->tgt_len);
    if (rc == AL_OK)
        rc = al_buf_printf(b, "</span><span>score %.3f</span></div>\n",
                           bd->score);
    if (rc == AL_OK) rc = put_side(b, r, i, AL_SOURCE);
    if (rc == AL_OK) rc = al_buf_putc(b, '\n');
    if (rc == AL_OK) rc = put_side(b, r, i, AL_TARGET);
    if (rc == AL_OK) rc = al_buf_putc(b, '\n');
    if (rc == AL_OK && nf > 0) rc = put_reasons(b, r, i);
    return rc == AL_OK ? al_buf_str(b, "\n</div>\n") : rc;
}

int al_write_html(const al_result *r, FILE *out, const al_write_options *wo)
{
    const char *name[2] = {wo->source_name ? wo->source_name : "source",
                           wo->target_name ? wo->target_name : "target"};
    al_flag_stats st;
    al_flag_stats_compute(r, &st);
    al_buf b = {0};
    int rc = put_head(&b, name);
    if (rc == AL_OK) rc = put_files(&b, r, name, &st);
    if (rc == AL_OK) rc = put_summary(&b, &st);
    if (rc == AL_OK)
        rc = al_buf_printf(&b, "<main>\n<div class=\"pair head\" "
                           "aria-hidden=\"true\"><div class=\"meta\">pair</div>"
                           "<div>source (%s)</div><div>target (%s)</div></div>\n",
                           al_text_lang(al_result_text(r, AL_SOURCE)),
                           al_text_lang(al_result_text(r, AL_TARGET)));
    if (rc == AL_OK) rc = al_buf_flush(&b, out);
    for (size_t i = 0; rc == AL_OK && i < al_result_count(r); i++) {
        rc = put_pair(&b, r, i);
        if (rc == AL_OK)
            rc = al_buf_flush(&b, out);
    }
    if (rc == AL_OK)
        rc = al_buf_printf(&b, "</main>\n<footer>Written by align %s. "
                           "Marked words are where a check found the "
                           "problem.</footer>\n<script>\n", AL_VERSION_STRING);
    if (rc == AL_OK) rc = al_buf_str(&b, script);
    if (rc == AL_OK) rc = al_buf_str(&b, "</script>\n</body>\n</html>\n");
    if (rc == AL_OK) rc = al_buf_flush(&b, out);
    al_buf_free(&b);
    return rc;
}
