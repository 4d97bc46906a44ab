/*
 * numbers.c - numbers written the way each language writes them, reduced to
 * one canonical form so that German "1.500", French "1 500" and English
 * "1,500" compare equal, and so do "5,5" and "5.5".
 *
 * A number is a run of digits with inner separators (. , ' and a space
 * before a group of exactly three digits). A separator followed by exactly
 * three digits and used as the language's thousands mark, or repeated, is a
 * thousands separator; otherwise it is the decimal mark. The canonical value
 * has no thousands separators, '.' as decimal mark and no trailing decimal
 * zeros. Ordinal marks ("6.", "1er", "2e", "3rd") are dropped: the value of
 * "6. Januar" and "6 janvier" is "6".
 */
#include "config.h"
#include "internal.h"

#include <string.h>

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of the digit run at S[I..N). */
static size_t digits_at(const char *s, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && digit(s[k]))
        k++;
    return k - i;
}

/* Is the separator SEP, followed by a group of GROUP digits, a thousands
 * separator in language LANG? REPEATED: the same separator occurs again. */
static bool thousands_sep(char sep, size_t group, bool repeated, al_lang lang)
{
    if (group != 3)
        return false;
    if (sep == ' ' || sep == '\'' || repeated)
        return true;
    if (lang == AL_LANG_EN)
        return sep == ',';
    return sep == '.';
}

size_t al_numbers(const char *s, size_t n, al_lang lang, al_number *out,
                  size_t max)
{
    size_t count = 0, i = 0;
    while (i < n) {
        if (!digit(s[i]) || (i > 0 && (digit(s[i - 1]) ||
            ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z')))) {
            i++;
            continue;
        }
        /* Collect groups and the separators between them. */
        size_t b = i, e = i + digits_at(s, n, i);
        char seps[16];
        size_t groups[17], ng = 0;
        groups[ng++] = e - b;
        while (e + 1 < n && ng < 16 &&
               (s[e] == '.' || s[e] == ',' || s[e] == '\'' || s[e] == ' ') &&
               digit(s[e + 1])) {
            size_t g = digits_at(s, n, e + 1);
            /* A space joins only a group of exactly three digits that does
             * not itself run on ("1 500", not "2024 15"). */
            if (s[e] == ' ' && (g != 3 || groups[0] > 3))
                break;
            seps[ng - 1] = s[e];
            groups[ng++] = g;
            e = e + 1 + g;
        }
        /* Decide which separator (if any) is the decimal mark. */
        char value[sizeof out->value];
        size_t vl = 0;
        bool overflow = false;
        size_t pos = b;
        bool decimal_seen = false;
        for (size_t g = 0; g < ng; g++) {
            if (g > 0) {
                char sep = seps[g - 1];
                bool repeated = false;
                for (size_t k = 0; k + 1 < ng; k++)
                    if (k != g - 1 && seps[k] == sep)
                        repeated = true;
                if (!thousands_sep(sep, groups[g], repeated, lang) &&
                    !decimal_seen) {
                    decimal_seen = true;
                    if (vl + 1 < sizeof value)
                        value[vl++] = '.';
                    else
                        overflow = true;
                }
                pos++;                    /* the separator */
            }
            for (size_t k = 0; k < groups[g]; k++, pos++) {
                if (vl + 1 < sizeof value)
                    value[vl++] = s[pos];
                else
                    overflow = true;
            }
        }
        if (decimal_seen) {
            while (vl > 0 && value[vl - 1] == '0')
                vl--;
            if (vl > 0 && value[vl - 1] == '.')
                vl--;
        }
        /* Leading zeros do not change the value ("07" = "7"), except alone. */
        size_t lead = 0;
        while (lead + 1 < vl && value[lead] == '0' && value[lead + 1] != '.')
            lead++;
        if (!overflow && count < max) {
            al_number *x = &out[count];
            memcpy(x->value, value + lead, vl - lead);
            x->value[vl - lead] = '\0';
            x->off = (uint32_t)b;
            x->len = (uint32_t)(e - b);
        }
        if (!overflow)
            count++;
        i = e;
    }
    return count;
}
