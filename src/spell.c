/*
 * spell.c - hunspell behind a small, thread-safe interface: spelling and
 * stems, with a per-language cache of stems.
 *
 * Dictionaries are loaded on first use (the aligner of a French/German pair
 * never loads English), once per process: models share them (see
 * registry_entry). A hunspell handle is not thread-safe, so each one is
 * used under its own mutex; answers are cached, so threads meet there rarely.
 */
#include "config.h"
#include "internal.h"

#include <hunspell.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
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

/* The spellers of the process, one per dictionary folder and language,
 * shared by all models and threads and never freed (they stay reachable).
 * Hunspell keeps one table for its UTF-8 dictionaries, shared by all its
 * objects and counted by a plain integer: the first object creates it,
 * each destruction counts down and the last frees it. Two objects created
 * at once could both create it, and count it once; a destruction could
 * then free it under an object still in use. So no object is ever
 * destroyed, and before the first UTF-8 dictionary loads, a pin (its
 * affix file with an empty word list, about a millisecond) creates the
 * table alone; after that, dictionaries load in parallel (German and
 * French, 26 and 40 ms, at once). */
typedef struct registry_entry {
    char *dir;
    al_lang lang;
    bool done;               /* loaded, or found missing */
    al_spell *sp;
    struct registry_entry *next;
} registry_entry;

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t registry_loaded = PTHREAD_COND_INITIALIZER;
static registry_entry *registry;
static pthread_mutex_t pin_lock = PTHREAD_MUTEX_INITIALIZER;
static Hunhandle *utf8_pin;

static bool file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether affix file AFF declares UTF-8 ("SET UTF-8", as hunspell reads
 * it: the first SET line counts). */
static bool aff_is_utf8(const char *aff)
{
    FILE *f = fopen(aff, "r");
    if (f == NULL)
        return false;
    char line[256];
    bool utf8 = false;
    while (fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "SET", 3) == 0 && (line[3] == ' ' ||
                                             line[3] == '\t')) {
            const char *v = line + 4;
            while (*v == ' ' || *v == '\t')
                v++;
            utf8 = strncmp(v, "UTF-8", 5) == 0;
            break;
        }
    fclose(f);
    return utf8;
}

/* Makes sure hunspell's UTF-8 table exists before AFF, a UTF-8 affix file,
 * is loaded beside others (see registry_entry). */
static void pin_utf8_table(const char *aff)
{
    pthread_mutex_lock(&pin_lock);
    if (utf8_pin == NULL && aff_is_utf8(aff))
        utf8_pin = Hunspell_create(aff, "/dev/null");
    pthread_mutex_unlock(&pin_lock);
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
        sp->lang = lang;
        sp->words = al_strtab_new();
        sp->stems = al_strtab_new();
        if (sp->words != NULL && sp->stems != NULL) {
            pin_utf8_table(aff);
            sp->h = Hunspell_create(aff, dic);
        }
        if (sp->h == NULL) {
            al_strtab_free(sp->words);
            al_strtab_free(sp->stems);
            free(sp);
            return NULL;
        }
        pthread_mutex_init(&sp->lock, NULL);
        return sp;
    }
    return NULL;
}

/* The speller of LANG from folder DIR: the registry's, loaded by the first
 * thread that asks (others wait for it). */
al_spell *al_spell_get(const char *dir, al_lang lang)
{
    if (lang < 0 || lang >= AL_LANG_COUNT)
        return NULL;
    pthread_mutex_lock(&registry_lock);
    registry_entry *e = registry;
    while (e != NULL && (e->lang != lang || strcmp(e->dir, dir) != 0))
        e = e->next;
    if (e != NULL) {
        while (!e->done)
            pthread_cond_wait(&registry_loaded, &registry_lock);
        al_spell *sp = e->sp;
        pthread_mutex_unlock(&registry_lock);
        return sp;
    }
    e = al_calloc(1, sizeof *e);
    char *d = al_strndup(dir, strlen(dir));
    if (e == NULL || d == NULL) {
        free(e);
        free(d);
        pthread_mutex_unlock(&registry_lock);
        return NULL;
    }
    e->dir = d;
    e->lang = lang;
    e->next = registry;
    registry = e;
    pthread_mutex_unlock(&registry_lock);
    al_spell *sp = spell_load(dir, lang);   /* others load beside it */
    pthread_mutex_lock(&registry_lock);
    e->sp = sp;
    e->done = true;
    pthread_cond_broadcast(&registry_loaded);
    pthread_mutex_unlock(&registry_lock);
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
