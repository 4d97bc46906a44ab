/* Unit tests of normalize.c: line ends, spaces, invisibles, NFC, offsets,
 * damage detection. */
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
    return done_testing();
}
