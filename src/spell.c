/*
 * spell.c - hunspell behind a small, thread-safe interface: spelling and
 * stems, with a per-language cache of stems.
 *
 * Dictionaries are loaded on first use (the aligner of a French/German pair
 * never loads English). A hunspell handle is not thread-safe, so each one is
 * used under its own mutex; answers are cached, so threads meet there rarely.
 */
#include "config.h"
#include "internal.h"

#include <hunspell.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Dictionary file stems tried per language, in order. */
static const char *const dict_names[AL_LANG_COUNT][3] = {
    {"de_DE", "de_CH", "de_AT"},
    {"fr", "fr_FR", "fr_CH"},
    {"en_US", "en_GB", "en"},
};

struct al_spell {
    Hunhandle *h;
    al_lang lang;
    pthread_mutex_t lock;
    al_strtab *words;        /* cache keys: words asked about */
    int32_t *stem_first;     /* per cached word: first stem index, or -1 */
    uint8_t *known;          /* per cached word: 1 spelled right, 0 not */
    uint8_t *n_stems;
    size_t cap;
    al_strtab *stems;        /* stem strings */
    int32_t *stem_list;      /* stem ids, runs referenced by stem_first */
    size_t n_list, cap_list;
};

struct al_spell_set {
    /* One lock per language: two dictionaries can load at once. */
    pthread_mutex_t lock[AL_LANG_COUNT];
    bool tried[AL_LANG_COUNT];
    al_spell *sp[AL_LANG_COUNT];
};

al_spell_set *al_spell_set_new(void)
{
    al_spell_set *s = al_calloc(1, sizeof *s);
    for (int l = 0; s != NULL && l < AL_LANG_COUNT; l++)
        pthread_mutex_init(&s->lock[l], NULL);
    return s;
}

/* Hunspell keeps one table for UTF-8 dictionaries shared by all its
 * objects, counted by a plain integer: creating or destroying two objects at
 * once (two languages loaded by two threads) races on it and leaks or frees
 * it twice. Creation and destruction are therefore serialized; lookups in
 * different objects still run in parallel. */
static pthread_mutex_t hunspell_life = PTHREAD_MUTEX_INITIALIZER;

static void spell_free(al_spell *sp)
{
    if (sp == NULL)
        return;
    if (sp->h != NULL) {
        pthread_mutex_lock(&hunspell_life);
        Hunspell_destroy(sp->h);
        pthread_mutex_unlock(&hunspell_life);
    }
    pthread_mutex_destroy(&sp->lock);
    al_strtab_free(sp->words);
    al_strtab_free(sp->stems);
    free(sp->stem_first);
    free(sp->known);
    free(sp->n_stems);
    free(sp->stem_list);
    free(sp);
}

void al_spell_set_free(al_spell_set *s)
{
    if (s == NULL)
        return;
    for (int l = 0; l < AL_LANG_COUNT; l++) {
        spell_free(s->sp[l]);
        pthread_mutex_destroy(&s->lock[l]);
    }
    free(s);
}

static bool file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static al_spell *spell_load(const char *dir, al_lang lang)
{
    char aff[1024], dic[1024];
    for (int k = 0; k < 3; k++) {
        snprintf(aff, sizeof aff, "%s/%s.aff", dir, dict_names[lang][k]);
        snprintf(dic, sizeof dic, "%s/%s.dic", dir, dict_names[lang][k]);
        if (!file_exists(aff) || !file_exists(dic))
            continue;
        al_spell *sp = al_calloc(1, sizeof *sp);
        if (sp == NULL)
            return NULL;
        pthread_mutex_init(&sp->lock, NULL);
        sp->lang = lang;
        pthread_mutex_lock(&hunspell_life);
        sp->h = Hunspell_create(aff, dic);
        pthread_mutex_unlock(&hunspell_life);
        sp->words = al_strtab_new();
        sp->stems = al_strtab_new();
        if (sp->h == NULL || sp->words == NULL || sp->stems == NULL) {
            spell_free(sp);
            return NULL;
        }
        return sp;
    }
    return NULL;
}

al_spell *al_spell_get(al_spell_set *set, const char *dir, al_lang lang)
{
    if (set == NULL || lang < 0 || lang >= AL_LANG_COUNT)
        return NULL;
    pthread_mutex_lock(&set->lock[lang]);
    if (!set->tried[lang]) {
        set->sp[lang] = spell_load(dir, lang);
        set->tried[lang] = true;
    }
    al_spell *sp = set->sp[lang];
    pthread_mutex_unlock(&set->lock[lang]);
    return sp;
}

/* Swiss Standard German writes "ss" for "ß" ("grosse", "Fusstapfen",
 * "schliesslich"); the German dictionaries know only "ß" there. For a
 * German WORD (NUL-terminated, N bytes) that is not spelled right, tries
 * "ß" for one "ss" at a time, then for all (both are two bytes in UTF-8):
 * the first spelled right is copied into ALT (N + 1 bytes) and true is
 * returned. */
static bool swiss_spelling(al_spell *sp, const char *word, size_t n,
                           char *alt)
{
    static const char eszett[2] = {(char)0xC3, (char)0x9F};
    if (sp->lang != AL_LANG_DE)
        return false;
    int occurrences = 0;
    for (size_t k = 0; k + 1 < n; k++)
        if (word[k] == 's' && word[k + 1] == 's') {
            memcpy(alt, word, n + 1);
            memcpy(alt + k, eszett, 2);
            if (Hunspell_spell(sp->h, alt))
                return true;
            occurrences++;
            k++;             /* past the pair */
        }
    if (occurrences < 2)
        return false;
    memcpy(alt, word, n + 1);
    for (size_t k = 0; k + 1 < n; k++)
        if (alt[k] == 's' && alt[k + 1] == 's') {
            memcpy(alt + k, eszett, 2);
            k++;
        }
    return Hunspell_spell(sp->h, alt) != 0;
}

/* Looks WORD up in the cache, asking hunspell the first time. Returns the
 * cache index or -1 (out of memory). Called with the lock held. */
static int32_t lookup(al_spell *sp, const char *word, size_t n)
{
    int32_t id = al_strtab_id(sp->words, word, n, false);
    if (id >= 0)
        return id;
    char buf[256];
    if (n >= sizeof buf)
        return -1;
    memcpy(buf, word, n);
    buf[n] = '\0';
    id = al_strtab_id(sp->words, word, n, true);
    if (id < 0)
        return -1;
    if ((size_t)id >= sp->cap) {
        size_t cap = sp->cap ? sp->cap * 2 : 1024;
        int32_t *f = al_realloc_array(sp->stem_first, cap, sizeof *f);
        if (f == NULL)
            return -1;
        sp->stem_first = f;
        uint8_t *k = al_realloc_array(sp->known, cap, 1);
        if (k == NULL)
            return -1;
        sp->known = k;
        uint8_t *ns = al_realloc_array(sp->n_stems, cap, 1);
        if (ns == NULL)
            return -1;
        sp->n_stems = ns;
        sp->cap = cap;
    }
    sp->known[id] = Hunspell_spell(sp->h, buf) != 0;
    const char *asked = buf;
    char alt[256];
    if (!sp->known[id] && swiss_spelling(sp, buf, n, alt)) {
        sp->known[id] = 1;
        asked = alt;
    }
    char **list = NULL;
    int ns = sp->known[id] ? Hunspell_stem(sp->h, &list, asked) : 0;
    if (ns > 255)
        ns = 255;
    if (sp->n_list + (size_t)ns > sp->cap_list) {
        size_t cap = sp->cap_list ? sp->cap_list * 2 : 1024;
        while (cap < sp->n_list + (size_t)ns)
            cap *= 2;
        int32_t *l = al_realloc_array(sp->stem_list, cap, sizeof *l);
        if (l == NULL) {
            Hunspell_free_list(sp->h, &list, ns);
            return -1;
        }
        sp->stem_list = l;
        sp->cap_list = cap;
    }
    sp->stem_first[id] = (int32_t)sp->n_list;
    int kept = 0;
    for (int i = 0; i < ns; i++) {
        int32_t s = al_strtab_id(sp->stems, list[i], strlen(list[i]), true);
        if (s >= 0)
            sp->stem_list[sp->n_list + (size_t)kept++] = s;
    }
    sp->n_list += (size_t)kept;
    sp->n_stems[id] = (uint8_t)kept;
    if (list != NULL)
        Hunspell_free_list(sp->h, &list, ns);
    return id;
}

bool al_spell_check(al_spell *sp, const char *word, size_t n)
{
    pthread_mutex_lock(&sp->lock);
    int32_t id = lookup(sp, word, n);
    bool ok = id >= 0 && sp->known[id];
    pthread_mutex_unlock(&sp->lock);
    return ok;
}

size_t al_spell_stems(al_spell *sp, const char *word, size_t n,
                      al_buf *out, size_t max)
{
    pthread_mutex_lock(&sp->lock);
    int32_t id = lookup(sp, word, n);
    size_t k = 0;
    if (id >= 0)
        for (; k < sp->n_stems[id] && k < max; k++) {
            const char *s = al_strtab_str(sp->stems,
                                          sp->stem_list[sp->stem_first[id] +
                                                        (int32_t)k]);
            out[k].len = 0;
            if (al_buf_append(&out[k], s, strlen(s)) != AL_OK)
                break;
        }
    pthread_mutex_unlock(&sp->lock);
    return k;
}
