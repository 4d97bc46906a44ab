/* Unit tests of normalize.c: line ends, spaces, invisibles, NFC, offsets,
 * damage detection. (tests/test_text.c checks the offsets of every segment
 * of the seed article and of random texts.) */
#include "config.h"
#include "internal.h"
#include "tap.h"

static al_norm norm(const char *s)
{
    al_norm n;
    al_error err;
    if (al_normalize(s, strlen(s), &n, &err) != AL_OK)
        n.text = NULL;
    return n;
}

int main(void)
{
    al_norm n = norm("a\r\nb\rc");
    is_str(n.text, "a\nb\nc", "CRLF and CR become LF");
    is_int(al_norm_to_orig(&n, 2), 3, "offset after CRLF maps back");
    is_int(al_norm_to_orig(&n, 4), 5, "offset after CR maps back");
    al_norm_free(&n);

    n = norm("1\xC2\xA0" "500\xE2\x80\xAF" "km\tx");
    is_str(n.text, "1 500 km x", "no-break, narrow no-break and tab to space");
    is_int(al_norm_to_orig(&n, 6), 9, "offset after narrow no-break space");
    al_norm_free(&n);

    n = norm("Kon\xC2\xAD" "zert\xE2\x80\x8B!");
    is_str(n.text, "Konzert!", "soft hyphen and zero-width space dropped");
    is_int(al_norm_to_orig(&n, 3), 5, "offset after soft hyphen");
    is_int(al_norm_to_orig(&n, 7), 12, "offset after zero-width space");
    al_norm_free(&n);

    n = norm("Cafe\xCC\x81 na\xC3\xAFve");
    is_str(n.text, "Caf\xC3\xA9 na\xC3\xAFve", "NFC composes e + acute");
    is_int(al_norm_to_orig(&n, 6), 7, "offset after composed cluster");
    al_norm_free(&n);

    n = norm("\xE2\x80\x9EZitat\xE2\x80\x9C l\xE2\x80\x99" "eau");
    is_str(n.text, "\xE2\x80\x9EZitat\xE2\x80\x9C l\xE2\x80\x99" "eau",
           "typographic quotes and apostrophes kept");
    is_int(n.n_knots, 1, "unchanged text needs one knot");
    al_norm_free(&n);

    is_int(al_damage_scan("ok", 2), 0, "clean text");
    is_int(al_damage_scan("a \xEF\xBF\xBD b", 7), AL_DAMAGE_FFFD, "U+FFFD");
    is_int(al_damage_scan("???? live ????", 14), AL_DAMAGE_QMARKS, "???? runs");
    is_int(al_damage_scan("Gr?e", 4), AL_DAMAGE_QMARKS, "? inside a word");
    is_int(al_damage_scan("Warum?Bild", 10), 0, "glued sentence end is not damage");
    is_int(al_damage_scan("Pourquoi ?", 10), 0, "French spaced ? is fine");
    is_int(al_damage_scan("caf\xC3\x83\xC2\xA9", 7), AL_DAMAGE_MOJIBAKE,
           "mojibake of e-acute");
    is_int(al_damage_scan("\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2", 8),
           AL_DAMAGE_MOJIBAKE, "mojibake of right quote");
    is_int(al_damage_scan("a\x01" "b", 3), AL_DAMAGE_CONTROL, "control char");
    is_int(al_damage_scan("\xC3\x82ge", 4), 0, "A-circumflex word is fine");

    /* ---- more normalization ---- */
    n = norm("a\xE2\x80\x80" "b\xE2\x80\x8A" "c\xE3\x80\x80" "d\xE1\x9A\x80"
             "e\xE2\x81\x9F" "f\vg\fh");
    is_str(n.text, "a b c d e f g h",
           "en quad, hair, ideographic, ogham, math spaces, VT, FF to space");
    is_int(al_norm_to_orig(&n, 2), 4, "offset after en quad");
    is_int(al_norm_to_orig(&n, 10), 20, "offset after math space");
    al_norm_free(&n);

    n = norm("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\xC2\x85" "d");
    is_str(n.text, "a\nb\n\nc\nd",
           "line separator, paragraph separator (a blank line), NEL");
    is_int(al_norm_to_orig(&n, 2), 4, "offset after line separator");
    is_int(al_norm_to_orig(&n, 5), 8, "offset after paragraph separator");
    is_int(al_norm_to_orig(&n, 7), 11, "offset after NEL");
    al_norm_free(&n);

    n = norm("\xEF\xBB\xBFW\xE2\x80\x8Cort\xE2\x80\x8D" "e\xE2\x81\xA0" "n"
             "\xE2\x80\x8E\xE2\x80\xAA" "x\xE2\x81\xA6" "y\xC2\xAD");
    is_str(n.text, "Worten" "xy",
           "BOM, ZWNJ, ZWJ, word joiner, LRM, bidi embeddings and isolates, "
           "soft hyphen dropped");
    is_int(al_norm_to_orig(&n, 0), 3, "offset after a leading BOM");
    is_int(al_norm_to_orig(&n, 1), 7, "offset after ZWNJ");
    is_int(al_norm_to_orig(&n, 8), 31, "end maps past the last soft hyphen");
    al_norm_free(&n);

    n = norm("A\xCC\x8A" "ngstr\xC3\xB6m o\xCC\x88 \xE1\xBA\xA0\xCC\x86 x\xCC\x81");
    is_str(n.text, "\xC3\x85ngstr\xC3\xB6m \xC3\xB6 \xE1\xBA\xB6 x\xCC\x81",
           "NFC: A+ring, o+diaeresis, dot below + breve reordered, x+acute "
           "stays decomposed");
    is_int(al_norm_to_orig(&n, 2), 3, "offset after composed A-ring");
    is_int(al_norm_to_orig(&n, 13), 15, "offset after composed o-diaeresis");
    al_norm_free(&n);

    n = norm("\xEF\xAC\x81 \xE2\x84\xAB \xE2\x80\x98q\xE2\x80\x99 \xC2\xABq\xC2\xBB "
             "\xE2\x80\x9Aq\xE2\x80\x98 \xE2\x80\xB9q\xE2\x80\xBA \"q\" 'q' l'eau");
    is_str(n.text, "\xEF\xAC\x81 \xC3\x85 \xE2\x80\x98q\xE2\x80\x99 \xC2\xABq\xC2\xBB "
           "\xE2\x80\x9Aq\xE2\x80\x98 \xE2\x80\xB9q\xE2\x80\xBA \"q\" 'q' l'eau",
           "NFC keeps the fi ligature, maps the Angstrom sign to A-ring; "
           "every quote kept as written");
    al_norm_free(&n);

    n = norm("");
    is_str(n.text, "", "empty input");
    is_int(n.len, 0, "empty input has length 0");
    is_int(al_norm_to_orig(&n, 0), 0, "offset 0 of empty input");
    al_norm_free(&n);

    /* ---- more damage ---- */
    is_int(al_damage_scan("Gr\xC3\x83\xC2\xBC\xC3\x83\xC2\x9F" "e", 10),
           AL_DAMAGE_MOJIBAKE | AL_DAMAGE_CONTROL,
           "mojibake of u-umlaut and sharp s (U+009F is a C1 control)");
    is_int(al_damage_scan("\xC3\xA2\xE2\x82\xAC\xC5\x93" "Zitat", 12),
           AL_DAMAGE_MOJIBAKE, "mojibake of a left double quote");
    is_int(al_damage_scan("voil\xC3\x83\xC2\xA0", 8), AL_DAMAGE_MOJIBAKE,
           "mojibake of a-grave (A-tilde and no-break space)");
    is_int(al_damage_scan("\xC3\x83\xC2\xA9t\xC3\x83\xC2\xA9", 9),
           AL_DAMAGE_MOJIBAKE, "mojibake at the start");
    is_int(al_damage_scan("S\xC3\x83O PAULO \xC3\x85se", 15), 0,
           "A-tilde and A-ring before letters are fine");
    is_int(al_damage_scan("Wirklich?? Ja!", 14), 0,
           "?? after a word is a sentence end, not damage");
    is_int(al_damage_scan("Warum???", 8), 0, "??? at the end after a word");
    is_int(al_damage_scan("Gr??e", 5), AL_DAMAGE_QMARKS, "?? inside a word");
    is_int(al_damage_scan("(?\?\?\?)", 6), AL_DAMAGE_QMARKS, "???? in brackets");
    is_int(al_damage_scan("???", 3), AL_DAMAGE_QMARKS, "a text of ???");
    is_int(al_damage_scan("live ??", 7), AL_DAMAGE_QMARKS, "?? after a space");
    is_int(al_damage_scan("Warum? Darum.", 13), 0, "one ? is fine");
    is_int(al_damage_scan("a\x7F" "b", 3), AL_DAMAGE_CONTROL, "DEL");
    is_int(al_damage_scan("a\xC2\x85" "b", 4), AL_DAMAGE_CONTROL, "C1 control");
    is_int(al_damage_scan("a\x1B[0m", 6), AL_DAMAGE_CONTROL, "escape");
    is_int(al_damage_scan("a\tb\r\nc\fd", 8), 0,
           "tab, CR, LF and form feed are not damage");
    is_int(al_damage_scan("\xEF\xBF\xBD\xEF\xBF\xBD \x02", 8),
           AL_DAMAGE_FFFD | AL_DAMAGE_CONTROL, "several kinds at once");
    return done_testing();
}
