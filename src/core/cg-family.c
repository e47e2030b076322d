/* cg-family.c: the people of the review, their relationships and households
 *
 * The three family files are small, so each is read whole, decoded to UTF-8
 * and handed to the CSV reader. Every problem stops the reading with a message
 * naming the file and the spreadsheet row, so that nothing half-read is ever
 * stored.
 *
 * Mentions are found by splitting a text into words once and looking each word
 * up in tables of the first words of every name, alias and role label, so the
 * cost grows with the length of the text, not with the size of the family.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-family"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-csv.h"
#include "cg-date.h"
#include "cg-encoding.h"
#include "cg-errors.h"
#include "cg-family.h"

#define MAX_FAMILY_FILE_SIZE (64 * 1024 * 1024)

/* ------------------------------------------------------------ the model */

CgFamily *
cg_family_new (void)
{
  CgFamily *family = g_new0 (CgFamily, 1);

  family->people = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_person_free);
  family->relationships = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_relationship_free);
  family->households = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_household_member_free);
  return family;
}

void
cg_family_free (CgFamily *family)
{
  if (family == NULL)
    return;
  g_ptr_array_unref (family->people);
  g_ptr_array_unref (family->relationships);
  g_ptr_array_unref (family->households);
  g_free (family);
}

CgFamily *
cg_family_copy (const CgFamily *family)
{
  CgFamily *copy = cg_family_new ();

  for (guint i = 0; i < family->people->len; i++)
    {
      const CgPerson *p = g_ptr_array_index (family->people, i);
      CgPerson *q = g_new0 (CgPerson, 1);

      q->key = g_strdup (p->key);
      q->name = g_strdup (p->name);
      q->aliases = p->aliases ? g_strdupv (p->aliases) : g_new0 (char *, 1);
      q->label = g_strdup (p->label);
      q->sex = p->sex;
      q->born = g_strdup (p->born);
      q->died = g_strdup (p->died);
      q->subject = p->subject;
      q->note = g_strdup (p->note);
      g_ptr_array_add (copy->people, q);
    }
  for (guint i = 0; i < family->relationships->len; i++)
    {
      const CgRelationship *r = g_ptr_array_index (family->relationships, i);
      CgRelationship *s = g_new0 (CgRelationship, 1);

      s->a = g_strdup (r->a);
      s->b = g_strdup (r->b);
      s->kind = r->kind;
      s->from = g_strdup (r->from);
      s->to = g_strdup (r->to);
      s->note = g_strdup (r->note);
      g_ptr_array_add (copy->relationships, s);
    }
  for (guint i = 0; i < family->households->len; i++)
    {
      const CgHouseholdMember *m = g_ptr_array_index (family->households, i);
      CgHouseholdMember *n = g_new0 (CgHouseholdMember, 1);

      n->household = g_strdup (m->household);
      n->person = g_strdup (m->person);
      n->from = g_strdup (m->from);
      n->to = g_strdup (m->to);
      g_ptr_array_add (copy->households, n);
    }
  return copy;
}

guint
cg_family_count_households (CgFamily *family)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < family->households->len; i++)
    {
      CgHouseholdMember *member = g_ptr_array_index (family->households, i);

      g_hash_table_add (names, member->household);
    }
  return g_hash_table_size (names);
}

CgPerson *
cg_family_find_person (CgFamily   *family,
                       const char *key)
{
  g_return_val_if_fail (family != NULL, NULL);

  if (key == NULL)
    return NULL;
  for (guint i = 0; i < family->people->len; i++)
    {
      CgPerson *person = g_ptr_array_index (family->people, i);

      if (g_strcmp0 (person->key, key) == 0)
        return person;
    }
  return NULL;
}

void
cg_person_free (CgPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->key);
  g_free (person->name);
  g_strfreev (person->aliases);
  g_free (person->label);
  g_free (person->born);
  g_free (person->died);
  g_free (person->note);
  g_free (person);
}

void
cg_relationship_free (CgRelationship *relationship)
{
  if (relationship == NULL)
    return;
  g_free (relationship->a);
  g_free (relationship->b);
  g_free (relationship->from);
  g_free (relationship->to);
  g_free (relationship->note);
  g_free (relationship);
}

void
cg_household_member_free (CgHouseholdMember *member)
{
  if (member == NULL)
    return;
  g_free (member->household);
  g_free (member->person);
  g_free (member->from);
  g_free (member->to);
  g_free (member);
}

/* ------------------------------------------------------ names of values */

const char *
cg_sex_to_string (CgSex sex)
{
  switch (sex)
    {
    case CG_SEX_FEMALE:
      return "female";
    case CG_SEX_MALE:
      return "male";
    case CG_SEX_UNKNOWN:
    default:
      return "unknown";
    }
}

gboolean
cg_sex_from_string (const char *text,
                    CgSex      *sex)
{
  static const struct { const char *word; CgSex sex; } words[] = {
    { "female", CG_SEX_FEMALE }, { "f", CG_SEX_FEMALE }, { "girl", CG_SEX_FEMALE },
    { "woman", CG_SEX_FEMALE },
    { "male", CG_SEX_MALE }, { "m", CG_SEX_MALE }, { "boy", CG_SEX_MALE }, { "man", CG_SEX_MALE },
    { "unknown", CG_SEX_UNKNOWN }, { "u", CG_SEX_UNKNOWN }, { "not known", CG_SEX_UNKNOWN },
    { "", CG_SEX_UNKNOWN },
  };
  g_autofree char *word = g_ascii_strdown (text ? text : "", -1);

  g_strstrip (word);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (word, words[i].word))
      {
        *sex = words[i].sex;
        return TRUE;
      }
  return FALSE;
}

static const char * const kind_names[] = {
  [CG_RELATIONSHIP_MARRIED] = "married",
  [CG_RELATIONSHIP_PARTNERS] = "partners",
  [CG_RELATIONSHIP_COHABITING] = "cohabiting",
  [CG_RELATIONSHIP_SEPARATED] = "separated",
  [CG_RELATIONSHIP_DIVORCED] = "divorced",
  [CG_RELATIONSHIP_PARENT] = "parent",
  [CG_RELATIONSHIP_ADOPTIVE_PARENT] = "adoptive_parent",
  [CG_RELATIONSHIP_FOSTER_PARENT] = "foster_parent",
  [CG_RELATIONSHIP_STEP_PARENT] = "step_parent",
  [CG_RELATIONSHIP_CLOSE] = "close",
  [CG_RELATIONSHIP_CONFLICT] = "conflict",
  [CG_RELATIONSHIP_ABUSE] = "abuse",
  [CG_RELATIONSHIP_CUTOFF] = "cutoff",
};

const char *
cg_relationship_kind_to_string (CgRelationshipKind kind)
{
  if ((guint)kind < G_N_ELEMENTS (kind_names))
    return kind_names[kind];
  return "partners";
}

gboolean
cg_relationship_kind_from_string (const char         *text,
                                  CgRelationshipKind *kind)
{
  static const struct { const char *word; CgRelationshipKind kind; } synonyms[] = {
    { "cut_off", CG_RELATIONSHIP_CUTOFF },
    { "adoptive", CG_RELATIONSHIP_ADOPTIVE_PARENT },
    { "foster", CG_RELATIONSHIP_FOSTER_PARENT },
    { "step", CG_RELATIONSHIP_STEP_PARENT },
    { "stepparent", CG_RELATIONSHIP_STEP_PARENT },
    { "partner", CG_RELATIONSHIP_PARTNERS },
  };
  g_autofree char *word = NULL;

  if (text == NULL)
    return FALSE;
  word = g_ascii_strdown (text, -1);
  g_strstrip (word);
  g_strdelimit (word, " -", '_');
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (word, kind_names[i]))
      {
        *kind = (CgRelationshipKind)i;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (g_str_equal (word, synonyms[i].word))
      {
        *kind = synonyms[i].kind;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------ dates */

static gboolean
read_digits (const char *s,
             guint       n,
             int        *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      *value = *value * 10 + (s[i] - '0');
    }
  return TRUE;
}

/* "1996", "1996-04", "1996-04-02" */
static gboolean
iso_range (const char *text,
           guint32    *first,
           guint32    *last)
{
  gsize len = strlen (text);
  int y, m, d;

  if (len < 4 || !read_digits (text, 4, &y) || y < 1000)
    return FALSE;
  if (len == 4)
    {
      *first = cg_date_from_ymd (y, 1, 1);
      *last = cg_date_from_ymd (y, 12, 31);
      return *first != 0;
    }
  if (text[4] != '-' || !read_digits (text + 5, 2, &m) || m < 1 || m > 12)
    return FALSE;
  if (len == 7)
    {
      *first = cg_date_from_ymd (y, m, 1);
      *last = cg_date_from_ymd (y, m, g_date_get_days_in_month (m, y));
      return *first != 0;
    }
  if (len != 10 || text[7] != '-' || !read_digits (text + 8, 2, &d))
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  *first = *last = cg_date_from_ymd (y, m, d);
  return *first != 0;
}

/* Reads a family date. *normal is the form stored: ISO, year-month or year,
 * or the text as written when it says the date is uncertain ("c. 1970"). */
static gboolean
parse_family_date (const char  *text,
                   guint32     *first,
                   guint32     *last,
                   char       **normal)
{
  CgPeriod period = { 0 };
  int y, m, d;

  if (iso_range (text, first, last))
    {
      if (normal)
        *normal = g_strdup (text);
      return TRUE;
    }
  if (cg_date_parse (text, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, &period,
                     NULL) != CG_DATE_OK)
    return FALSE;
  if (period.precision != CG_PRECISION_DAY && period.precision != CG_PRECISION_MONTH &&
      period.precision != CG_PRECISION_YEAR)
    return FALSE;
  *first = period.start;
  *last = period.end;
  if (normal == NULL)
    return TRUE;
  cg_date_to_ymd (period.start, &y, &m, &d);
  if (period.uncertain)
    *normal = g_strdup (text);
  else if (period.precision == CG_PRECISION_DAY)
    *normal = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  else if (period.precision == CG_PRECISION_MONTH)
    *normal = g_strdup_printf ("%04d-%02d", y, m);
  else
    *normal = g_strdup_printf ("%04d", y);
  return TRUE;
}

gboolean
cg_family_date_range (const char *text,
                      guint32    *first,
                      guint32    *last)
{
  guint32 f = 0, l = 0;
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0' || !parse_family_date (trimmed, &f, &l, NULL))
    return FALSE;
  if (first)
    *first = f;
  if (last)
    *last = l;
  return TRUE;
}

/* ------------------------------------------------------------- validation */

static gboolean
check_period (const char  *what,
              const char  *from,
              const char  *to,
              GError     **error)
{
  guint32 f0, f1, t0, t1;

  if (from && !cg_family_date_range (from, &f0, &f1))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("%s: the start “%s” is not a date (write 2019, 2019-07 or 2019-07-14)"),
                   what, from);
      return FALSE;
    }
  if (to && !cg_family_date_range (to, &t0, &t1))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("%s: the end “%s” is not a date (write 2019, 2019-07 or 2019-07-14)"),
                   what, to);
      return FALSE;
    }
  if (from && to && t1 < f0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("%s: it ends (%s) before it starts (%s)"), what, to, from);
      return FALSE;
    }
  return TRUE;
}

gboolean
cg_family_validate (CgFamily  *family,
                    GError   **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < family->people->len; i++)
    {
      CgPerson *p = g_ptr_array_index (family->people, i);
      g_autofree char *what = NULL;

      if (p->key == NULL || *p->key == '\0')
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       _("person %u of the family has no id"), i + 1);
          return FALSE;
        }
      if (!g_hash_table_add (keys, p->key))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       _("the id “%s” is used for two people"), p->key);
          return FALSE;
        }
      what = g_strdup_printf (_("person “%s”"), p->key);
      if (!check_period (what, p->born, p->died, error))
        return FALSE;
    }
  for (guint i = 0; i < family->relationships->len; i++)
    {
      CgRelationship *r = g_ptr_array_index (family->relationships, i);
      g_autofree char *what = g_strdup_printf (_("relationship %u (%s and %s)"), i + 1,
                                               r->a ? r->a : "?", r->b ? r->b : "?");

      if (r->a == NULL || !g_hash_table_contains (keys, r->a))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID, _("%s: person “%s” is not in the family"),
                       what, r->a ? r->a : "");
          return FALSE;
        }
      if (r->b == NULL || !g_hash_table_contains (keys, r->b))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID, _("%s: person “%s” is not in the family"),
                       what, r->b ? r->b : "");
          return FALSE;
        }
      if (g_str_equal (r->a, r->b))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       _("%s: a relationship needs two different people"), what);
          return FALSE;
        }
      if ((guint)r->kind >= G_N_ELEMENTS (kind_names))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID, _("%s: unknown kind"), what);
          return FALSE;
        }
      if (!check_period (what, r->from, r->to, error))
        return FALSE;
    }
  for (guint i = 0; i < family->households->len; i++)
    {
      CgHouseholdMember *m = g_ptr_array_index (family->households, i);
      g_autofree char *what = g_strdup_printf (_("household “%s”"),
                                               m->household ? m->household : "");

      if (m->household == NULL || *m->household == '\0')
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       _("household member %u has no household"), i + 1);
          return FALSE;
        }
      if (m->person == NULL || !g_hash_table_contains (keys, m->person))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID, _("%s: person “%s” is not in the family"),
                       what, m->person ? m->person : "");
          return FALSE;
        }
      if (!check_period (what, m->from, m->to, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ CSV reading */

typedef enum
{
  FILE_PEOPLE,
  FILE_RELATIONSHIPS,
  FILE_HOUSEHOLDS,
} FileKind;

enum { COL_0, COL_1, COL_2, COL_3, COL_4, COL_5, COL_6, COL_7, COL_8, N_COLUMNS };

/* Column names of each file: the contract's first, then a few that people write. */
static const char * const people_columns[N_COLUMNS][4] = {
  { "id", "key", "person", NULL },
  { "name", "full name", NULL },
  { "aliases", "alias", "also known as", "nicknames" },
  { "label", "role", "role label", NULL },
  { "sex", "gender", NULL },
  { "born", "dob", "date of birth", "birth" },
  { "died", "dod", "date of death", "death" },
  { "subject", "subject child", NULL },
  { "note", "notes", NULL },
};
static const char * const relationship_columns[N_COLUMNS][4] = {
  { "a", NULL },
  { "b", NULL },
  { "kind", "relationship", "type", NULL },
  { "from", "start", NULL },
  { "to", "end", NULL },
  { "note", "notes", NULL },
};
static const char * const household_columns[N_COLUMNS][4] = {
  { "household", "id", NULL },
  { "person", "member", NULL },
  { "from", "start", NULL },
  { "to", "end", NULL },
};

enum { P_ID, P_NAME, P_ALIASES, P_LABEL, P_SEX, P_BORN, P_DIED, P_SUBJECT, P_NOTE };
enum { R_A, R_B, R_KIND, R_FROM, R_TO, R_NOTE };
enum { H_HOUSEHOLD, H_PERSON, H_FROM, H_TO };

typedef struct
{
  FileKind     kind;
  const char  *file;          /* base name, for messages */
  const char  *people_file;   /* base name of people.csv */
  CgFamily    *family;
  GHashTable  *rows_by_key;   /* person key -> first row (GUINT_TO_POINTER) */
  gboolean     have_header;
  int          columns[N_COLUMNS];
} ReadState;

static gboolean
row_is_blank (const char * const *cells,
              guint               n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    for (const char *p = cells[i]; *p; p++)
      if (!g_ascii_isspace (*p))
        return FALSE;
  return TRUE;
}

/* The trimmed cell of a column, or NULL when empty or absent. */
static char *
cell (ReadState          *state,
      const char * const *cells,
      guint               n_cells,
      int                 column)
{
  int index = state->columns[column];
  char *text;

  if (index < 0 || (guint)index >= n_cells)
    return NULL;
  text = g_strstrip (g_strdup (cells[index]));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

typedef const char * const ColumnNames[4];

static const ColumnNames *
columns_of (FileKind kind)
{
  switch (kind)
    {
    case FILE_PEOPLE:
      return people_columns;
    case FILE_RELATIONSHIPS:
      return relationship_columns;
    case FILE_HOUSEHOLDS:
    default:
      return household_columns;
    }
}

static const char *
expected_header (FileKind kind)
{
  switch (kind)
    {
    case FILE_PEOPLE:
      return "id,name,aliases,label,sex,born,died,subject";
    case FILE_RELATIONSHIPS:
      return "a,b,kind,from,to,note";
    case FILE_HOUSEHOLDS:
    default:
      return "household,person,from,to";
    }
}

static gboolean
read_header (ReadState          *state,
             guint               row,
             const char * const *cells,
             guint               n_cells,
             GError            **error)
{
  const ColumnNames *names = columns_of (state->kind);
  guint required = state->kind == FILE_PEOPLE ? 1 : state->kind == FILE_RELATIONSHIPS ? 3 : 2;

  for (guint c = 0; c < N_COLUMNS; c++)
    state->columns[c] = -1;
  for (guint i = 0; i < n_cells; i++)
    {
      g_autofree char *name = g_utf8_strdown (cells[i], -1);

      g_strstrip (name);
      g_strdelimit (name, "_", ' ');
      for (guint c = 0; c < N_COLUMNS && names[c][0]; c++)
        for (guint k = 0; k < 4 && names[c][k]; k++)
          if (g_str_equal (name, names[c][k]) && state->columns[c] < 0)
            state->columns[c] = (int)i;
    }
  for (guint c = 0; c < required; c++)
    if (state->columns[c] < 0)
      {
        g_set_error (error, CG_ERROR, CG_ERROR_NO_HEADER,
                     _("%s:%u: there is no “%s” column; the first row must be the header %s"),
                     state->file, row, names[c][0], expected_header (state->kind));
        return FALSE;
      }
  state->have_header = TRUE;
  return TRUE;
}

static gboolean
read_date_cell (ReadState   *state,
                guint        row,
                const char  *column,
                char       **value,
                GError     **error)
{
  guint32 first, last;
  char *normal = NULL;

  if (*value == NULL)
    return TRUE;
  if (!parse_family_date (*value, &first, &last, &normal))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("%s:%u: %s “%s” is not a date; write it as 2019, 2019-07 or 2019-07-14"),
                   state->file, row, column, *value);
      return FALSE;
    }
  g_free (*value);
  *value = normal;
  return TRUE;
}

static gboolean
dates_in_order (ReadState   *state,
                guint        row,
                const char  *start_column,
                const char  *start,
                const char  *end_column,
                const char  *end,
                GError     **error)
{
  guint32 s0, s1, e0, e1;

  if (start && end && cg_family_date_range (start, &s0, &s1) &&
      cg_family_date_range (end, &e0, &e1) && e1 < s0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID, _("%s:%u: %s (%s) is before %s (%s)"),
                   state->file, row, end_column, end, start_column, start);
      return FALSE;
    }
  return TRUE;
}

static gboolean
known_person (ReadState   *state,
              guint        row,
              const char  *key,
              const char  *column,
              GError     **error)
{
  if (key == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID, _("%s:%u: the “%s” cell is empty"),
                   state->file, row, column);
      return FALSE;
    }
  if (!g_hash_table_contains (state->rows_by_key, key))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID, _("%s:%u: person “%s” is not in %s"),
                   state->file, row, key, state->people_file);
      return FALSE;
    }
  return TRUE;
}

static GStrv
split_aliases (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ";", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static gboolean
read_subject (const char *text,
              gboolean   *subject)
{
  static const char * const yes[] = { "yes", "y", "true", "1", "subject", "x" };
  static const char * const no[] = { "no", "n", "false", "0" };
  g_autofree char *word = g_ascii_strdown (text ? text : "", -1);

  if (text == NULL)
    {
      *subject = FALSE;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (word, yes[i]))
      {
        *subject = TRUE;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (word, no[i]))
      {
        *subject = FALSE;
        return TRUE;
      }
  return FALSE;
}

static gboolean
read_person (ReadState          *state,
             guint               row,
             const char * const *cells,
             guint               n_cells,
             GError            **error)
{
  g_autoptr(CgPerson) person = g_new0 (CgPerson, 1);
  g_autofree char *aliases = cell (state, cells, n_cells, P_ALIASES);
  g_autofree char *sex = cell (state, cells, n_cells, P_SEX);
  g_autofree char *subject = cell (state, cells, n_cells, P_SUBJECT);
  gpointer first_row;

  person->key = cell (state, cells, n_cells, P_ID);
  person->name = cell (state, cells, n_cells, P_NAME);
  person->aliases = split_aliases (aliases);
  person->label = cell (state, cells, n_cells, P_LABEL);
  person->born = cell (state, cells, n_cells, P_BORN);
  person->died = cell (state, cells, n_cells, P_DIED);
  person->note = cell (state, cells, n_cells, P_NOTE);

  if (person->key == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("%s:%u: this person has no id (the “id” cell is empty)"), state->file, row);
      return FALSE;
    }
  if ((first_row = g_hash_table_lookup (state->rows_by_key, person->key)))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("%s:%u: the id “%s” is already used on row %u"),
                   state->file, row, person->key, GPOINTER_TO_UINT (first_row));
      return FALSE;
    }
  if (!cg_sex_from_string (sex, &person->sex))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("%s:%u: sex “%s” should be female, male or unknown"), state->file, row, sex);
      return FALSE;
    }
  if (!read_subject (subject, &person->subject))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("%s:%u: subject “%s” should be yes or no"), state->file, row, subject);
      return FALSE;
    }
  if (!read_date_cell (state, row, "born", &person->born, error) ||
      !read_date_cell (state, row, "died", &person->died, error) ||
      !dates_in_order (state, row, "born", person->born, "died", person->died, error))
    return FALSE;

  g_hash_table_insert (state->rows_by_key, g_strdup (person->key), GUINT_TO_POINTER (row));
  g_ptr_array_add (state->family->people, g_steal_pointer (&person));
  return TRUE;
}

static gboolean
read_relationship (ReadState          *state,
                   guint               row,
                   const char * const *cells,
                   guint               n_cells,
                   GError            **error)
{
  g_autoptr(CgRelationship) rel = g_new0 (CgRelationship, 1);
  g_autofree char *kind = cell (state, cells, n_cells, R_KIND);

  rel->a = cell (state, cells, n_cells, R_A);
  rel->b = cell (state, cells, n_cells, R_B);
  rel->from = cell (state, cells, n_cells, R_FROM);
  rel->to = cell (state, cells, n_cells, R_TO);
  rel->note = cell (state, cells, n_cells, R_NOTE);

  if (!known_person (state, row, rel->a, "a", error) ||
      !known_person (state, row, rel->b, "b", error))
    return FALSE;
  if (g_str_equal (rel->a, rel->b))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("%s:%u: a relationship needs two different people, but a and b are both “%s”"),
                   state->file, row, rel->a);
      return FALSE;
    }
  if (!cg_relationship_kind_from_string (kind, &rel->kind))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("%s:%u: kind “%s” should be one of married, partners, cohabiting, separated, "
                     "divorced, parent, adoptive_parent, foster_parent, step_parent, close, "
                     "conflict, abuse, cutoff"), state->file, row, kind ? kind : "");
      return FALSE;
    }
  if (!read_date_cell (state, row, "from", &rel->from, error) ||
      !read_date_cell (state, row, "to", &rel->to, error) ||
      !dates_in_order (state, row, "from", rel->from, "to", rel->to, error))
    return FALSE;
  g_ptr_array_add (state->family->relationships, g_steal_pointer (&rel));
  return TRUE;
}

static gboolean
read_household_member (ReadState          *state,
                       guint               row,
                       const char * const *cells,
                       guint               n_cells,
                       GError            **error)
{
  g_autoptr(CgHouseholdMember) member = g_new0 (CgHouseholdMember, 1);

  member->household = cell (state, cells, n_cells, H_HOUSEHOLD);
  member->person = cell (state, cells, n_cells, H_PERSON);
  member->from = cell (state, cells, n_cells, H_FROM);
  member->to = cell (state, cells, n_cells, H_TO);

  if (member->household == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("%s:%u: the “household” cell is empty"), state->file, row);
      return FALSE;
    }
  if (!known_person (state, row, member->person, "person", error))
    return FALSE;
  if (!read_date_cell (state, row, "from", &member->from, error) ||
      !read_date_cell (state, row, "to", &member->to, error) ||
      !dates_in_order (state, row, "from", member->from, "to", member->to, error))
    return FALSE;
  g_ptr_array_add (state->family->households, g_steal_pointer (&member));
  return TRUE;
}

static gboolean
on_row (guint               row,
        const char * const *cells,
        guint               n_cells,
        gboolean            stray_quote,
        gpointer            user_data,
        GError            **error)
{
  ReadState *state = user_data;

  if (row_is_blank (cells, n_cells))
    return TRUE;
  if (!state->have_header)
    return read_header (state, row, cells, n_cells, error);
  switch (state->kind)
    {
    case FILE_PEOPLE:
      return read_person (state, row, cells, n_cells, error);
    case FILE_RELATIONSHIPS:
      return read_relationship (state, row, cells, n_cells, error);
    case FILE_HOUSEHOLDS:
    default:
      return read_household_member (state, row, cells, n_cells, error);
    }
}

/* The file's text as UTF-8 without a byte-order mark. */
static char *
read_text (const char  *path,
           const char  *name,
           gsize       *text_len,
           GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gsize len = 0;
  CgEncoding encoding = CG_ENCODING_UTF8;
  const char *binary_kind = NULL;

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND, _("%s: cannot be read: %s"),
                   name, local_error->message);
      return NULL;
    }
  if (len > MAX_FAMILY_FILE_SIZE)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_TOO_LARGE,
                   _("%s: the file is too large to be a list of family members"), name);
      return NULL;
    }
  if (!cg_encoding_sniff ((const guint8 *)data, len, &encoding, &binary_kind))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_TEXT,
                   _("%s: this is not a CSV text file (it looks like %s); save it from the "
                     "spreadsheet as CSV"), name, binary_kind ? binary_kind : _("binary data"));
      return NULL;
    }

  {
    g_autoptr(CgDecoder) decoder = cg_decoder_new (encoding);

    if (!cg_decoder_decode (decoder, (const guint8 *)data, len, TRUE, out))
      {
        g_autoptr(CgDecoder) fallback = cg_decoder_new (CG_ENCODING_WINDOWS_1252);

        g_string_truncate (out, 0);
        cg_decoder_decode (fallback, (const guint8 *)data, len, TRUE, out);
      }
  }
  if (g_str_has_prefix (out->str, "\xef\xbb\xbf"))
    g_string_erase (out, 0, 3);
  *text_len = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
read_file (ReadState   *state,
           const char  *path,
           GError     **error)
{
  g_autoptr(CgCsvReader) reader = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  if (!(text = read_text (path, state->file, &len, error)))
    return FALSE;
  reader = cg_csv_reader_new (cg_csv_sniff_delimiter (text, len), on_row, state);
  if (!cg_csv_reader_feed (reader, text, len, error) || !cg_csv_reader_finish (reader, error))
    {
      /* The reader's own messages ("row 5: ...") do not know the file. */
      if (error && *error && !g_str_has_prefix ((*error)->message, state->file))
        g_prefix_error (error, "%s: ", state->file);
      return FALSE;
    }
  if (!state->have_header)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NO_HEADER,
                   _("%s: the file is empty; its first row must be the header %s"),
                   state->file, expected_header (state->kind));
      return FALSE;
    }
  return TRUE;
}

CgFamily *
cg_family_read_csv (const char  *people_path,
                    const char  *relationships_path,
                    const char  *households_path,
                    GError     **error)
{
  g_autoptr(CgFamily) family = cg_family_new ();
  g_autoptr(GHashTable) rows_by_key = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);
  g_autofree char *people_name = NULL;
  const char *paths[] = { people_path, relationships_path, households_path };
  const FileKind kinds[] = { FILE_PEOPLE, FILE_RELATIONSHIPS, FILE_HOUSEHOLDS };

  g_return_val_if_fail (people_path != NULL, NULL);

  people_name = g_path_get_basename (people_path);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *name = NULL;
      ReadState state = { 0 };

      if (paths[i] == NULL)
        continue;
      name = g_path_get_basename (paths[i]);
      state.kind = kinds[i];
      state.file = name;
      state.people_file = people_name;
      state.family = family;
      state.rows_by_key = rows_by_key;
      if (!read_file (&state, paths[i], error))
        return NULL;
    }
  return g_steal_pointer (&family);
}

/* --------------------------------------------------------------- mentions */

typedef struct
{
  guint   person;     /* index in the family */
  guint   n_words;
  char  **words;      /* folded for names and aliases, as written for labels */
  gboolean exact;
} Pattern;

struct _CgMentionFinder
{
  GPtrArray  *keys;        /* char *, the family's order */
  GArray     *patterns;    /* Pattern */
  GHashTable *by_folded;   /* first folded word -> GArray of guint pattern indices */
  GHashTable *by_exact;    /* first word as written -> GArray of guint */
};

typedef struct
{
  guint start, end;   /* bytes of the text */
  guint exact;        /* offsets of NUL-terminated copies in the scratch buffer */
  guint folded;
} Word;

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static void
add_word (const char *text,
          guint       start,
          guint       end,
          gboolean    ascii,
          GArray     *words,
          GString    *scratch)
{
  Word word = { start, end, 0, 0 };

  word.exact = scratch->len;
  g_string_append_len (scratch, text + start, end - start);
  g_string_append_c (scratch, '\0');
  word.folded = scratch->len;
  if (ascii)
    {
      for (guint i = start; i < end; i++)
        g_string_append_c (scratch, g_ascii_tolower (text[i]));
    }
  else
    {
      g_autofree char *normal = g_utf8_normalize (text + start, end - start,
                                                  G_NORMALIZE_DEFAULT_COMPOSE);
      g_autofree char *folded = g_utf8_casefold (normal ? normal : "", -1);

      g_string_append (scratch, folded);
    }
  g_string_append_c (scratch, '\0');
  g_array_append_val (words, word);
}

/* Splits @text into words: runs of letters and digits. "Lily's" is the word
 * "Lily" followed by "s", so a possessive matches as the name itself. */
static void
split_words (const char *text,
             GArray     *words,
             GString    *scratch)
{
  const char *p = text;
  gboolean in_word = FALSE, ascii = TRUE;
  guint start = 0;

  while (*p)
    {
      const char *next;
      gunichar c;

      if ((guchar)*p < 0x80)
        {
          c = (guchar)*p;
          next = p + 1;
        }
      else
        {
          c = g_utf8_get_char_validated (p, -1);
          if (c == (gunichar)-1 || c == (gunichar)-2)
            c = ' ';   /* not UTF-8: a separator */
          next = g_utf8_next_char (p);
        }
      if (is_word_char (c))
        {
          if (!in_word)
            {
              in_word = TRUE;
              ascii = TRUE;
              start = p - text;
            }
          if (c >= 0x80)
            ascii = FALSE;
        }
      else if (in_word)
        {
          add_word (text, start, p - text, ascii, words, scratch);
          in_word = FALSE;
        }
      p = next;
    }
  if (in_word)
    add_word (text, start, p - text, ascii, words, scratch);
}

/* Words of one name are joined by spaces, hyphens or apostrophes only. */
static gboolean
joins_words (const char *text,
             guint       start,
             guint       end)
{
  const char *p = text + start;

  while (p < text + end)
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != '-' && c != '\'' && c != 0x2019 && c != 0x2010 &&
          c != 0x2011 && c != 0x00A0)
        return FALSE;
      p = g_utf8_next_char (p);
    }
  return TRUE;
}

static void
pattern_clear (Pattern *pattern)
{
  g_strfreev (pattern->words);
}

static void
add_pattern (CgMentionFinder *self,
             guint            person,
             const char      *phrase,
             gboolean         exact)
{
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
  g_autoptr(GString) scratch = g_string_new (NULL);
  GHashTable *table = exact ? self->by_exact : self->by_folded;
  Pattern pattern = { person, 0, NULL, exact };
  GArray *list;
  guint index;

  if (phrase == NULL)
    return;
  split_words (phrase, words, scratch);
  if (words->len == 0)
    return;
  pattern.n_words = words->len;
  pattern.words = g_new0 (char *, words->len + 1);
  for (guint i = 0; i < words->len; i++)
    {
      Word *w = &g_array_index (words, Word, i);

      pattern.words[i] = g_strdup (scratch->str + (exact ? w->exact : w->folded));
    }
  index = self->patterns->len;
  g_array_append_val (self->patterns, pattern);
  if (!(list = g_hash_table_lookup (table, pattern.words[0])))
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (table, g_strdup (pattern.words[0]), list);
    }
  g_array_append_val (list, index);
}

CgMentionFinder *
cg_mention_finder_new (CgFamily *family)
{
  CgMentionFinder *self = g_new0 (CgMentionFinder, 1);

  g_return_val_if_fail (family != NULL, self);

  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->patterns = g_array_new (FALSE, FALSE, sizeof (Pattern));
  g_array_set_clear_func (self->patterns, (GDestroyNotify)pattern_clear);
  self->by_folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)g_array_unref);
  self->by_exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)g_array_unref);
  for (guint i = 0; i < family->people->len; i++)
    {
      CgPerson *person = g_ptr_array_index (family->people, i);

      g_ptr_array_add (self->keys, g_strdup (person->key));
      add_pattern (self, i, person->name, FALSE);
      for (guint k = 0; person->aliases && person->aliases[k]; k++)
        add_pattern (self, i, person->aliases[k], FALSE);
      add_pattern (self, i, person->label, TRUE);
    }
  return self;
}

void
cg_mention_finder_free (CgMentionFinder *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->patterns, g_array_unref);
  g_clear_pointer (&self->by_folded, g_hash_table_unref);
  g_clear_pointer (&self->by_exact, g_hash_table_unref);
  g_free (self);
}

/* How many words of @pattern match the text from word @at, or 0. */
static guint
match_length (const Pattern *pattern,
              const char    *text,
              const Word    *words,
              guint          n_words,
              guint          at,
              const char    *scratch)
{
  if (at + pattern->n_words > n_words)
    return 0;
  for (guint k = 1; k < pattern->n_words; k++)
    {
      const Word *w = &words[at + k];

      if (!joins_words (text, words[at + k - 1].end, w->start))
        return 0;
      if (strcmp (pattern->words[k], scratch + (pattern->exact ? w->exact : w->folded)) != 0)
        return 0;
    }
  return pattern->n_words;
}

static void
consider (const CgMentionFinder *self,
          GArray                *candidates,
          const char            *text,
          const Word            *words,
          guint                  n_words,
          guint                  at,
          const char            *scratch,
          guint                 *best,
          GArray                *best_people)
{
  for (guint c = 0; candidates && c < candidates->len; c++)
    {
      const Pattern *pattern = &g_array_index (self->patterns, Pattern,
                                               g_array_index (candidates, guint, c));
      guint len = match_length (pattern, text, words, n_words, at, scratch);

      if (len == 0 || len < *best)
        continue;
      if (len > *best)
        {
          *best = len;
          g_array_set_size (best_people, 0);
        }
      g_array_append_val (best_people, pattern->person);
    }
}

GPtrArray *
cg_mention_finder_find (const CgMentionFinder *self,
                        const char            *text)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) words = NULL;
  g_autoptr(GString) scratch = NULL;
  g_autoptr(GArray) best_people = NULL;
  g_autofree gboolean *found = NULL;

  g_return_val_if_fail (self != NULL, keys);

  if (text == NULL || self->patterns->len == 0)
    return keys;

  words = g_array_sized_new (FALSE, FALSE, sizeof (Word), 64);
  scratch = g_string_sized_new (strlen (text) * 2 + 16);
  best_people = g_array_new (FALSE, FALSE, sizeof (guint));
  found = g_new0 (gboolean, self->keys->len);
  split_words (text, words, scratch);

  /* Leftmost longest: "Father of Child A" is the father, not Child A too. */
  for (guint i = 0; i < words->len;)
    {
      const Word *w = &g_array_index (words, Word, i);
      guint best = 0;

      g_array_set_size (best_people, 0);
      consider (self, g_hash_table_lookup (self->by_folded, scratch->str + w->folded), text,
                (const Word *)words->data, words->len, i, scratch->str, &best, best_people);
      consider (self, g_hash_table_lookup (self->by_exact, scratch->str + w->exact), text,
                (const Word *)words->data, words->len, i, scratch->str, &best, best_people);
      for (guint k = 0; k < best_people->len; k++)
        found[g_array_index (best_people, guint, k)] = TRUE;
      i += MAX (best, 1);
    }
  for (guint i = 0; i < self->keys->len; i++)
    if (found[i])
      g_ptr_array_add (keys, g_strdup (g_ptr_array_index (self->keys, i)));
  return keys;
}

/* cg_family_find_mentions() is called once per record: each thread keeps the
 * finder of the last family it saw, rebuilt when any name, alias or label of
 * the family differs from the one it was built for. */
typedef struct
{
  GString         *signature;
  CgMentionFinder *finder;
} FinderCache;

static void
finder_cache_free (gpointer data)
{
  FinderCache *cache = data;

  g_string_free (cache->signature, TRUE);
  cg_mention_finder_free (cache->finder);
  g_free (cache);
}

static GPrivate finder_cache = G_PRIVATE_INIT (finder_cache_free);

static void
append_signature (GString    *signature,
                  const char *text)
{
  if (text)
    g_string_append (signature, text);
  g_string_append_c (signature, '\x1f');
}

static GString *
family_signature (CgFamily *family)
{
  GString *signature = g_string_sized_new (1024);

  for (guint i = 0; i < family->people->len; i++)
    {
      CgPerson *person = g_ptr_array_index (family->people, i);

      append_signature (signature, person->key);
      append_signature (signature, person->name);
      append_signature (signature, person->label);
      for (guint k = 0; person->aliases && person->aliases[k]; k++)
        append_signature (signature, person->aliases[k]);
      g_string_append_c (signature, '\x1e');
    }
  return signature;
}

GPtrArray *
cg_family_find_mentions (CgFamily   *family,
                         const char *text)
{
  FinderCache *cache = g_private_get (&finder_cache);
  GString *signature;

  g_return_val_if_fail (family != NULL, g_ptr_array_new_with_free_func (g_free));

  signature = family_signature (family);
  if (cache == NULL)
    {
      cache = g_new0 (FinderCache, 1);
      g_private_set (&finder_cache, cache);
    }
  if (cache->signature == NULL || !g_string_equal (cache->signature, signature))
    {
      g_clear_pointer (&cache->finder, cg_mention_finder_free);
      if (cache->signature)
        g_string_free (cache->signature, TRUE);
      cache->signature = signature;
      cache->finder = cg_mention_finder_new (family);
    }
  else
    g_string_free (signature, TRUE);
  return cg_mention_finder_find (cache->finder, text);
}
