/* Unit tests of numbers.c: the same number written per locale. */
#include "config.h"
#include "internal.h"
#include "tap.h"

static char *nums(const char *s, al_lang lang)
{
    static char out[512];
    al_number v[16];
    size_t n = al_numbers(s, strlen(s), lang, v, 16);
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && i < 16; i++)
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", i ? " " : "",
                              v[i].value);
    return out;
}

int main(void)
{
    is_str(nums("1.500 Touristen", AL_LANG_DE), "1500", "German 1.500");
    is_str(nums("1 500 touristes", AL_LANG_FR), "1500", "French 1 500");
    is_str(nums("1,500 tourists", AL_LANG_EN), "1500", "English 1,500");
    is_str(nums("5,5 Milliarden", AL_LANG_DE), "5.5", "German decimal comma");
    is_str(nums("5.5 billion", AL_LANG_EN), "5.5", "English decimal point");
    is_str(nums("2,50 euros", AL_LANG_FR), "2.5", "trailing zero dropped");
    is_str(nums("am 6. Januar", AL_LANG_DE), "6", "ordinal German");
    is_str(nums("le 6 janvier", AL_LANG_FR), "6", "French date");
    is_str(nums("1er janvier 2026", AL_LANG_FR), "1 2026", "1er");
    is_str(nums("10.000 Soldaten, 1.000.000 Euro", AL_LANG_DE), "10000 1000000",
           "repeated separators");
    is_str(nums("im Jahr 2024 1.500 Touristen", AL_LANG_DE), "2024 1500",
           "year then number stay apart");
    is_str(nums("3.14", AL_LANG_DE), "3.14", "point before two digits");
    is_str(nums("Hwasong-11-Klasse, 122-mm", AL_LANG_DE), "11 122",
           "numbers inside compounds");
    is_str(nums("COVID19 B2B", AL_LANG_EN), "", "digits glued to letters");
    is_str(nums("1'500 Franken", AL_LANG_DE), "1500", "Swiss apostrophe");
    is_str(nums("007", AL_LANG_EN), "7", "leading zeros");
    return done_testing();
}
