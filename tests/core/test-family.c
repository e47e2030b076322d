/* test-family.c: the family files, their mistakes, mentions and the case file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cg-date.h"
#include "cg-errors.h"
#include "cg-family.h"
#include "cg-store.h"

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cg-family-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing && (name = g_dir_read_name (listing)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path;

  if (text == NULL)
    return NULL;
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static CgFamily *
read_fixture (const char *name)
{
  g_autofree char *people = g_test_build_filename (G_TEST_DIST, "data", "family", name,
                                                   "people.csv", NULL);
  g_autofree char *relationships = g_test_build_filename (G_TEST_DIST, "data", "family", name,
                                                          "relationships.csv", NULL);
  g_autofree char *households = g_test_build_filename (G_TEST_DIST, "data", "family", name,
                                                       "households.csv", NULL);
  g_autoptr(GError) error = NULL;
  CgFamily *family = cg_family_read_csv (people, relationships, households, &error);

  g_assert_no_error (error);
  g_assert_nonnull (family);
  return family;
}

/* ------------------------------------------------------------ reading */

static void
test_read_child_a (void)
{
  g_autoptr(CgFamily) family = read_fixture ("child-a");
  CgPerson *lily, *jason;
  CgRelationship *abuse;
  guint subjects = 0;

  g_assert_cmpuint (family->people->len, ==, 7);
  g_assert_cmpuint (family->relationships->len, ==, 13);
  g_assert_cmpuint (family->households->len, ==, 6);

  lily = cg_family_find_person (family, "p2");
  g_assert_nonnull (lily);
  g_assert_cmpstr (lily->name, ==, "Lily Brennan");
  g_assert_cmpstr (lily->label, ==, "Child A");
  g_assert_cmpint (lily->sex, ==, CG_SEX_FEMALE);
  g_assert_cmpstr (lily->born, ==, "2019-07-14");
  g_assert_null (lily->died);
  g_assert_true (lily->subject);
  g_assert_cmpuint (g_strv_length (lily->aliases), ==, 1);
  g_assert_cmpstr (lily->aliases[0], ==, "Lily");

  jason = cg_family_find_person (family, "p7");
  g_assert_cmpstr (jason->name, ==, "Jason");
  g_assert_cmpuint (g_strv_length (jason->aliases), ==, 0);
  g_assert_null (jason->born);
  g_assert_cmpint (jason->sex, ==, CG_SEX_MALE);

  for (guint i = 0; i < family->people->len; i++)
    subjects += ((CgPerson *)g_ptr_array_index (family->people, i))->subject;
  g_assert_cmpuint (subjects, ==, 1);

  abuse = g_ptr_array_index (family->relationships, 9);
  g_assert_cmpint (abuse->kind, ==, CG_RELATIONSHIP_ABUSE);
  g_assert_cmpstr (abuse->a, ==, "p5");
  g_assert_cmpstr (abuse->b, ==, "p1");
  g_assert_cmpstr (abuse->from, ==, "2021");
  g_assert_cmpstr (abuse->note, ==, "domestic abuse reported to police");
  g_assert_null (cg_family_find_person (family, "p9"));
}

static void
test_read_three_generations (void)
{
  g_autoptr(CgFamily) family = read_fixture ("three-generations");
  CgPerson *margaret = NULL;

  g_assert_cmpuint (family->people->len, ==, 17);
  g_assert_cmpuint (family->relationships->len, ==, 34);
  g_assert_cmpuint (family->households->len, ==, 9);
  margaret = cg_family_find_person (family, "g2");
  g_assert_cmpuint (g_strv_length (margaret->aliases), ==, 2);
  g_assert_cmpstr (margaret->aliases[0], ==, "Maggie");
  g_assert_cmpstr (margaret->aliases[1], ==, "Peggy");
  g_assert_cmpint (cg_family_find_person (family, "m3")->sex, ==, CG_SEX_UNKNOWN);
  g_assert_cmpstr (cg_family_find_person (family, "g1")->died, ==, "2015-03-09");
  g_assert_true (cg_family_validate (family, NULL));
}

/* A spreadsheet saved on Windows: BOM, CRLF, semicolons, blank lines, UK dates,
 * "F" for female, a quoted cell with a line break. */
static void
test_read_spreadsheet_export (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *people = write_file (dir, "people.csv",
    "\xef\xbb\xbf" "ID;Name;Aliases;Label;Sex;Born;Died;Subject\r\n"
    "\r\n"
    "a1;Zoë Hart;\"Zo; Zoe\";Mother;F;c. 1990;;\r\n"
    ";;;;;;;\r\n"
    "a2;Kai Hart;;\"Child\nA\";m;14/07/2019;;Yes\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFamily) family = cg_family_read_csv (people, NULL, NULL, &error);
  CgPerson *zoe, *kai;

  g_assert_no_error (error);
  g_assert_cmpuint (family->people->len, ==, 2);
  zoe = g_ptr_array_index (family->people, 0);
  g_assert_cmpstr (zoe->key, ==, "a1");
  g_assert_cmpstr (zoe->name, ==, "Zoë Hart");
  g_assert_cmpint (zoe->sex, ==, CG_SEX_FEMALE);
  g_assert_cmpstr (zoe->born, ==, "c. 1990");   /* uncertain: kept as written */
  g_assert_cmpuint (g_strv_length (zoe->aliases), ==, 2);
  g_assert_cmpstr (zoe->aliases[1], ==, "Zoe");
  g_assert_false (zoe->subject);
  kai = g_ptr_array_index (family->people, 1);
  g_assert_cmpstr (kai->born, ==, "2019-07-14");   /* stored as ISO */
  g_assert_true (kai->subject);
  g_assert_cmpstr (kai->label, ==, "Child\nA");
  remove_dir (dir);
}

static void
test_read_windows_1252 (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *people = write_file (dir, "people.csv",
                                        "id,name,label,sex\np1,Zo\xeb Hart,Mother,female\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFamily) family = cg_family_read_csv (people, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (((CgPerson *)g_ptr_array_index (family->people, 0))->name, ==, "Zoë Hart");
  remove_dir (dir);
}

typedef struct
{
  const char *name;
  const char *people;
  const char *relationships;
  const char *households;
  int         code;
  const char *message;   /* the start of the message, or a part of it after "..." */
} BadFiles;

#define PEOPLE_OK "id,name,aliases,label,sex,born,died,subject\n" \
                  "p1,Kayleigh Brennan,Kayleigh,Mother,female,1996,,no\n" \
                  "p2,Lily Brennan,Lily,Child A,female,2019-07-14,,yes\n"

static const BadFiles bad_files[] = {
  { "unknown person", PEOPLE_OK,
    "a,b,kind,from,to,note\np1,p2,parent,,,\n\np2,p1,close,,,\np1,p9,conflict,,,\n", NULL,
    CG_ERROR_INVALID, "relationships.csv:5: person “p9” is not in people.csv" },
  { "unknown kind", PEOPLE_OK, "a,b,kind\np1,p2,frenemy\n", NULL,
    CG_ERROR_INVALID, "relationships.csv:2: kind “frenemy” should be one of married," },
  { "same person twice", PEOPLE_OK, "a,b,kind\np1,p1,close\n", NULL,
    CG_ERROR_INVALID, "relationships.csv:2: a relationship needs two different people" },
  { "empty cell", PEOPLE_OK, "a,b,kind\np1,,close\n", NULL,
    CG_ERROR_INVALID, "relationships.csv:2: the “b” cell is empty" },
  { "relationship ends before it starts", PEOPLE_OK,
    "a,b,kind,from,to\np1,p2,close,2021-05-01,2020\n", NULL,
    CG_ERROR_INVALID, "relationships.csv:2: to (2020) is before from (2021-05-01)" },
  { "duplicate id", PEOPLE_OK "p1,Someone Else,,,male,,,no\n", NULL, NULL,
    CG_ERROR_INVALID, "people.csv:4: the id “p1” is already used on row 2" },
  { "no id", "id,name\n,Nobody\n", NULL, NULL,
    CG_ERROR_INVALID, "people.csv:2: this person has no id" },
  { "bad sex", "id,name,sex\np1,Sam,x\n", NULL, NULL,
    CG_ERROR_INVALID, "people.csv:2: sex “x” should be female, male or unknown" },
  { "impossible date", "id,name,born\np1,Sam,31/11/2021\n", NULL, NULL,
    CG_ERROR_INVALID, "people.csv:2: born “31/11/2021” is not a date" },
  { "died before born", "id,name,born,died\np1,Sam,2000,1990\n", NULL, NULL,
    CG_ERROR_INVALID, "people.csv:2: died (1990) is before born (2000)" },
  { "bad subject", "id,name,subject\np1,Sam,perhaps\n", NULL, NULL,
    CG_ERROR_INVALID, "people.csv:2: subject “perhaps” should be yes or no" },
  { "no id column", "name,sex\nSam,male\n", NULL, NULL,
    CG_ERROR_NO_HEADER, "people.csv:1: there is no “id” column" },
  { "empty file", "", NULL, NULL,
    CG_ERROR_NO_HEADER, "people.csv: the file is empty" },
  { "unclosed quote", "id,name\np1,\"Sam\np2,Alex\n", NULL, NULL,
    CG_ERROR_UNCLOSED_QUOTE, "people.csv: row 2" },
  { "household of a stranger", PEOPLE_OK, NULL,
    "household,person,from,to\nh1,p1,,\nh1,p5,,\n",
    CG_ERROR_INVALID, "households.csv:3: person “p5” is not in people.csv" },
  { "household without a name", PEOPLE_OK, NULL, "household,person\n,p1\n",
    CG_ERROR_INVALID, "households.csv:2: the “household” cell is empty" },
  { "household without a person column", PEOPLE_OK, NULL, "household,who\nh1,p1\n",
    CG_ERROR_NO_HEADER, "households.csv:1: there is no “person” column" },
  { "a workbook", "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\x00\x00\x00\x00", NULL, NULL,
    CG_ERROR_NOT_TEXT, "people.csv: this is not a CSV text file" },
};

static void
test_read_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      const BadFiles *t = &bad_files[i];
      g_autofree char *dir = temp_dir ();
      g_autofree char *people = write_file (dir, "people.csv", t->people);
      g_autofree char *relationships = write_file (dir, "relationships.csv", t->relationships);
      g_autofree char *households = write_file (dir, "households.csv", t->households);
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFamily) family = NULL;

      g_test_message ("%s", t->name);
      if (t->code == CG_ERROR_NOT_TEXT)
        g_file_set_contents (people, t->people, 16, NULL);   /* it holds NUL bytes */
      family = cg_family_read_csv (people, relationships, households, &error);
      g_assert_null (family);
      g_assert_error (error, CG_ERROR, t->code);
      if (!g_str_has_prefix (error->message, t->message))
        g_error ("%s: “%s” does not start with “%s”", t->name, error->message, t->message);
      remove_dir (dir);
    }
}

static void
test_read_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFamily) family = cg_family_read_csv ("/nonexistent/people.csv", NULL, NULL, &error);

  g_assert_null (family);
  g_assert_error (error, CG_ERROR, CG_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "people.csv: cannot be read"));
}

static void
test_kinds (void)
{
  for (CgRelationshipKind kind = CG_RELATIONSHIP_MARRIED; kind <= CG_RELATIONSHIP_CUTOFF; kind++)
    {
      CgRelationshipKind back;

      g_assert_true (cg_relationship_kind_from_string (cg_relationship_kind_to_string (kind),
                                                       &back));
      g_assert_cmpint (back, ==, kind);
    }
  {
    CgRelationshipKind kind;

    g_assert_true (cg_relationship_kind_from_string ("Cut-off", &kind));
    g_assert_cmpint (kind, ==, CG_RELATIONSHIP_CUTOFF);
    g_assert_true (cg_relationship_kind_from_string (" Adoptive parent ", &kind));
    g_assert_cmpint (kind, ==, CG_RELATIONSHIP_ADOPTIVE_PARENT);
    g_assert_false (cg_relationship_kind_from_string ("frenemy", &kind));
    g_assert_false (cg_relationship_kind_from_string (NULL, &kind));
  }
  for (CgSex sex = CG_SEX_UNKNOWN; sex <= CG_SEX_MALE; sex++)
    {
      CgSex back;

      g_assert_true (cg_sex_from_string (cg_sex_to_string (sex), &back));
      g_assert_cmpint (back, ==, sex);
    }
}

static void
test_date_range (void)
{
  guint32 first, last;

  g_assert_true (cg_family_date_range ("1996", &first, &last));
  g_assert_cmpuint (first, ==, cg_date_from_ymd (1996, 1, 1));
  g_assert_cmpuint (last - first, ==, 365);   /* 1996 is a leap year */
  g_assert_true (cg_family_date_range ("2021-02", &first, &last));
  g_assert_cmpuint (last - first, ==, 27);
  g_assert_true (cg_family_date_range ("2019-07-14", &first, &last));
  g_assert_cmpuint (first, ==, last);
  g_assert_true (cg_family_date_range ("c. 1970", &first, &last));
  g_assert_false (cg_family_date_range ("", &first, &last));
  g_assert_false (cg_family_date_range ("2021-02-30", &first, &last));
  g_assert_false (cg_family_date_range ("soon", &first, &last));
}

/* ------------------------------------------------------------ mentions */

typedef struct
{
  const char *text;
  const char *expected;   /* keys, space separated, in the family's order */
} Mention;

static const Mention mentions[] = {
  { "Lily's nappy was soiled", "p2" },
  { "Lily’s mother did not attend", "p2" },
  { "LILY was seen", "p2" },
  { "Mason attended school", "p3" },
  { "Masonry work next door", "" },
  { "Child A was seen alone", "p2" },
  { "the child a few days later", "" },
  { "Child AB was not known", "" },
  { "Mother and Maternal Grandmother attended", "p1 p6" },
  { "Grandmother rang", "" },
  { "mother rang", "" },   /* role labels match as written */
  { "Father of Child A was present", "p4" },
  { "Father of Child A and Child A were present", "p2 p4" },
  { "Kayleigh Brennan and Dean", "p1 p5" },
  { "Kayleigh\nBrennan", "p1" },
  { "Jason's phone", "p7" },
  { "Sibling B, Partner 1", "p3 p5" },
  { "Partner 12", "" },
  { "", "" },
  { "Sandra-Lily", "p2 p6" },
  { "no people here at all", "" },
};

static char *
join_keys (GPtrArray *keys)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < keys->len; i++)
    {
      if (i)
        g_string_append_c (out, ' ');
      g_string_append (out, g_ptr_array_index (keys, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_mentions (void)
{
  g_autoptr(CgFamily) family = read_fixture ("child-a");
  g_autoptr(CgMentionFinder) finder = cg_mention_finder_new (family);

  for (guint i = 0; i < G_N_ELEMENTS (mentions); i++)
    {
      g_autoptr(GPtrArray) found = cg_mention_finder_find (finder, mentions[i].text);
      g_autoptr(GPtrArray) again = cg_family_find_mentions (family, mentions[i].text);
      g_autofree char *keys = join_keys (found);
      g_autofree char *keys_again = join_keys (again);

      g_test_message ("“%s”", mentions[i].text);
      g_assert_cmpstr (keys, ==, mentions[i].expected);
      g_assert_cmpstr (keys_again, ==, mentions[i].expected);
    }
}

static void
test_mentions_unicode (void)
{
  g_autoptr(CgFamily) family = cg_family_new ();
  CgPerson *zoe = g_new0 (CgPerson, 1);
  g_autoptr(GPtrArray) composed = NULL;
  g_autoptr(GPtrArray) decomposed = NULL;
  g_autoptr(GPtrArray) joined = NULL;

  zoe->key = g_strdup ("z1");
  zoe->name = g_strdup ("Zoë O'Neill");
  zoe->aliases = g_strsplit ("ZOË", ";", -1);
  g_ptr_array_add (family->people, zoe);

  composed = cg_family_find_mentions (family, "saw zoë today");
  g_assert_cmpuint (composed->len, ==, 1);
  /* e and a combining diaeresis */
  decomposed = cg_family_find_mentions (family, "saw Zoe\xcc\x88 today");
  g_assert_cmpuint (decomposed->len, ==, 1);
  joined = cg_family_find_mentions (family, "Zoëy");
  g_assert_cmpuint (joined->len, ==, 0);
  g_clear_pointer (&joined, g_ptr_array_unref);
  joined = cg_family_find_mentions (family, "rang ZOË O’NEILL’S school");
  g_assert_cmpuint (joined->len, ==, 1);
  g_clear_pointer (&joined, g_ptr_array_unref);
  joined = cg_family_find_mentions (family, "invalid \xff\xfe bytes Zoë");
  g_assert_cmpuint (joined->len, ==, 1);

  /* The author renames her: the next search knows. */
  g_free (zoe->name);
  zoe->name = g_strdup ("Ada Price");
  g_strfreev (zoe->aliases);
  zoe->aliases = g_new0 (char *, 1);
  g_clear_pointer (&joined, g_ptr_array_unref);
  joined = cg_family_find_mentions (family, "saw Zoë today");
  g_assert_cmpuint (joined->len, ==, 0);
  g_clear_pointer (&joined, g_ptr_array_unref);
  joined = cg_family_find_mentions (family, "saw Ada Price today");
  g_assert_cmpuint (joined->len, ==, 1);
}

/* ------------------------------------------------------------ case file */

static CgStore *
new_case (const char *dir)
{
  g_autoptr(CgReview) review = cg_review_new ("Review of Child Z");
  g_autofree char *path = g_build_filename (dir, "review.chronogram", NULL);
  g_autoptr(GError) error = NULL;
  CgStore *store = cg_store_create (path, review, &error);

  g_assert_no_error (error);
  return store;
}

static void
assert_same_family (CgFamily *a,
                    CgFamily *b)
{
  g_assert_cmpuint (a->people->len, ==, b->people->len);
  for (guint i = 0; i < a->people->len; i++)
    {
      CgPerson *p = g_ptr_array_index (a->people, i), *q = g_ptr_array_index (b->people, i);

      g_assert_cmpstr (p->key, ==, q->key);
      g_assert_cmpstr (p->name, ==, q->name);
      g_assert_cmpstr (p->label, ==, q->label);
      g_assert_cmpstr (p->born, ==, q->born);
      g_assert_cmpstr (p->died, ==, q->died);
      g_assert_cmpint (p->sex, ==, q->sex);
      g_assert_cmpint (p->subject, ==, q->subject);
      g_assert_true (g_strv_equal ((const char * const *)p->aliases,
                                   (const char * const *)q->aliases));
    }
  g_assert_cmpuint (a->relationships->len, ==, b->relationships->len);
  for (guint i = 0; i < a->relationships->len; i++)
    {
      CgRelationship *r = g_ptr_array_index (a->relationships, i);
      CgRelationship *s = g_ptr_array_index (b->relationships, i);

      g_assert_cmpstr (r->a, ==, s->a);
      g_assert_cmpstr (r->b, ==, s->b);
      g_assert_cmpint (r->kind, ==, s->kind);
      g_assert_cmpstr (r->from, ==, s->from);
      g_assert_cmpstr (r->to, ==, s->to);
      g_assert_cmpstr (r->note, ==, s->note);
    }
  g_assert_cmpuint (a->households->len, ==, b->households->len);
  for (guint i = 0; i < a->households->len; i++)
    {
      CgHouseholdMember *m = g_ptr_array_index (a->households, i);
      CgHouseholdMember *n = g_ptr_array_index (b->households, i);

      g_assert_cmpstr (m->household, ==, n->household);
      g_assert_cmpstr (m->person, ==, n->person);
      g_assert_cmpstr (m->from, ==, n->from);
      g_assert_cmpstr (m->to, ==, n->to);
    }
}

static void
test_store_round_trip (void)
{
  g_autofree char *dir = temp_dir ();
  g_autoptr(CgStore) store = new_case (dir);
  g_autoptr(CgFamily) family = read_fixture ("three-generations");
  g_autoptr(CgFamily) loaded = NULL;
  g_autoptr(CgFamily) empty = NULL;
  g_autoptr(CgFamily) copy = cg_family_copy (family);
  g_autoptr(GError) error = NULL;

  empty = cg_store_load_family (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->people->len, ==, 0);

  g_assert_true (cg_store_replace_family (store, family, &error));
  g_assert_no_error (error);
  loaded = cg_store_load_family (store, &error);
  g_assert_no_error (error);
  assert_same_family (family, loaded);
  assert_same_family (family, copy);

  /* A second load replaces the first: nothing is added twice. */
  g_assert_true (cg_store_replace_family (store, family, &error));
  g_clear_pointer (&loaded, cg_family_free);
  loaded = cg_store_load_family (store, &error);
  assert_same_family (family, loaded);

  g_clear_object (&store);
  remove_dir (dir);
}

static void
test_store_all_or_nothing (void)
{
  g_autofree char *dir = temp_dir ();
  g_autoptr(CgStore) store = new_case (dir);
  g_autoptr(CgFamily) family = read_fixture ("child-a");
  g_autoptr(CgFamily) broken = read_fixture ("three-generations");
  g_autoptr(CgFamily) loaded = NULL;
  g_autoptr(GError) error = NULL;
  CgRelationship *stray = g_new0 (CgRelationship, 1);

  g_assert_true (cg_store_replace_family (store, family, &error));

  stray->a = g_strdup ("m1");
  stray->b = g_strdup ("p404");
  stray->kind = CG_RELATIONSHIP_CLOSE;
  g_ptr_array_add (broken->relationships, stray);
  g_assert_false (cg_store_replace_family (store, broken, &error));
  g_assert_error (error, CG_ERROR, CG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "p404"));

  loaded = cg_store_load_family (store, NULL);
  assert_same_family (family, loaded);

  g_clear_object (&store);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/family/read/child-a", test_read_child_a);
  g_test_add_func ("/family/read/three-generations", test_read_three_generations);
  g_test_add_func ("/family/read/spreadsheet-export", test_read_spreadsheet_export);
  g_test_add_func ("/family/read/windows-1252", test_read_windows_1252);
  g_test_add_func ("/family/read/errors-name-file-and-row", test_read_errors);
  g_test_add_func ("/family/read/missing-file", test_read_missing_file);
  g_test_add_func ("/family/kinds", test_kinds);
  g_test_add_func ("/family/date-range", test_date_range);
  g_test_add_func ("/family/mentions", test_mentions);
  g_test_add_func ("/family/mentions/unicode", test_mentions_unicode);
  g_test_add_func ("/family/store/round-trip", test_store_round_trip);
  g_test_add_func ("/family/store/all-or-nothing", test_store_all_or_nothing);

  return g_test_run ();
}
