/* Unit tests of decode.c: BOMs, UTF-16 sniffing, invalid bytes, iconv. */
#include "config.h"
#include "internal.h"
#include "tap.h"

#include <stdlib.h>

static char *dec(const char *bytes, size_t n, const char *enc, size_t *len,
                 al_error *err)
{
    char *out = NULL;
    if (al_decode("in.txt", bytes, n, enc, &out, len, err) != AL_OK)
        return NULL;
    return out;
}

int main(void)
{
    al_error err;
    size_t len;
    char *s = dec("abc", 3, NULL, &len, &err);
    is_str(s, "abc", "plain ASCII passes");
    free(s);

    s = dec("\xEF\xBB\xBFK\xC3\xB6ln", 8, NULL, &len, &err);
    is_str(s, "K\xC3\xB6ln", "UTF-8 BOM is removed");
    is_int(len, 5, "length without BOM");
    free(s);

    s = dec("\xFF\xFEK\0\xF6\0l\0n\0", 10, NULL, &len, &err);
    is_str(s, "K\xC3\xB6ln", "UTF-16LE with BOM");
    free(s);

    s = dec("\xFE\xFF\0K\0\xF6\0l\0n", 10, NULL, &len, &err);
    is_str(s, "K\xC3\xB6ln", "UTF-16BE with BOM");
    free(s);

    s = dec("K\0\xF6\0l\0n\0", 8, NULL, &len, &err);
    is_str(s, "K\xC3\xB6ln", "UTF-16LE without BOM is recognised");
    free(s);

    s = dec("ab\ncd\xE9" "f", 7, NULL, &len, &err);
    ok(s == NULL, "Latin-1 byte is rejected as UTF-8");
    is_int(err.code, AL_EENCODING, "error code");
    is_str(err.message, "in.txt:2:3: invalid UTF-8 byte 0xE9 (byte offset 5; "
           "try --encoding=WINDOWS-1252)", "message names line and column");

    s = dec("caf\xE9 \x80", 6, "WINDOWS-1252", &len, &err);
    is_str(s, "caf\xC3\xA9 \xE2\x82\xAC", "Windows-1252 through iconv");
    free(s);

    s = dec("x\0y", 3, NULL, &len, &err);
    ok(s == NULL, "NUL byte in UTF-8 input");
    is_int(err.code, AL_EBINARY, "binary error code");

    s = dec("abc", 3, "NO-SUCH-ENCODING", &len, &err);
    ok(s == NULL, "unknown encoding");
    is_str(err.message, "in.txt: unknown encoding 'NO-SUCH-ENCODING'",
           "unknown encoding message");

    s = dec("\xC3", 1, NULL, &len, &err);
    ok(s == NULL, "truncated UTF-8 sequence");
    is_str(err.message, "in.txt:1:1: invalid UTF-8 byte 0xC3 (byte offset 0; "
           "try --encoding=WINDOWS-1252)", "truncated sequence message");

    s = dec("", 0, NULL, &len, &err);
    is_str(s, "", "empty input decodes to empty text");
    is_int(len, 0, "empty length");
    free(s);
    return done_testing();
}
