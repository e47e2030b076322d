/* test-genogram.c: what the genogram shows, read back from its SVG and PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "cg-date.h"
#include "cg-errors.h"
#include "cg-family.h"
#include "cg-genogram.h"

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
  return family;
}

static CgGenogram *
layout (CgFamily   *family,
        const char *as_at,
        gboolean    anonymise)
{
  CgGenogramOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  CgGenogram *genogram;

  options.anonymise = anonymise;
  genogram = cg_genogram_layout (family, cg_date_from_iso (as_at), &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (genogram);
  return genogram;
}

/* ------------------------------------------------------- reading the SVG */

typedef struct
{
  GHashTable *classes;     /* class attribute -> count */
  GHashTable *dashed;      /* class attribute -> count of those dashed */
  GPtrArray  *texts;       /* "class\ttext" of each <text> */
  GPtrArray  *households;  /* points attribute of each household */
  GString    *text;
  char       *text_class;
  guint       elements;
} Svg;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  Svg *svg = user_data;
  const char *class = NULL, *dash = NULL, *points = NULL;

  svg->elements++;
  for (guint i = 0; names[i]; i++)
    {
      if (g_str_equal (names[i], "class"))
        class = values[i];
      else if (g_str_equal (names[i], "stroke-dasharray"))
        dash = values[i];
      else if (g_str_equal (names[i], "points"))
        points = values[i];
    }
  if (class)
    {
      g_hash_table_insert (svg->classes, g_strdup (class),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (svg->classes,
                                                                                    class)) + 1));
      if (dash)
        g_hash_table_insert (svg->dashed, g_strdup (class),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (svg->dashed,
                                                                                      class)) + 1));
      if (g_str_equal (class, "household") && points)
        g_ptr_array_add (svg->households, g_strdup (points));
    }
  if (g_str_equal (element, "text"))
    {
      g_string_truncate (svg->text, 0);
      g_free (svg->text_class);
      svg->text_class = g_strdup (class ? class : "");
    }
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 len,
          gpointer              user_data,
          GError              **error)
{
  Svg *svg = user_data;

  if (svg->text_class)
    g_string_append_len (svg->text, text, len);
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  Svg *svg = user_data;

  if (g_str_equal (element, "text"))
    {
      g_ptr_array_add (svg->texts, g_strdup_printf ("%s\t%s", svg->text_class, svg->text->str));
      g_clear_pointer (&svg->text_class, g_free);
    }
}

static void
svg_free (Svg *svg)
{
  g_hash_table_unref (svg->classes);
  g_hash_table_unref (svg->dashed);
  g_ptr_array_unref (svg->texts);
  g_ptr_array_unref (svg->households);
  g_string_free (svg->text, TRUE);
  g_free (svg->text_class);
  g_free (svg);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Svg, svg_free)

/* Parses the SVG as XML: it fails the test when it is not well formed. */
static Svg *
read_svg (GBytes *bytes)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  Svg *svg = g_new0 (Svg, 1);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  svg->classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  svg->dashed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  svg->texts = g_ptr_array_new_with_free_func (g_free);
  svg->households = g_ptr_array_new_with_free_func (g_free);
  svg->text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, svg, NULL);
  g_assert_true (g_str_has_prefix (data, "<?xml version=\"1.0\" encoding=\"UTF-8\""));
  g_markup_parse_context_parse (context, data, len, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  return svg;
}

static guint
count (Svg        *svg,
       const char *class)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (svg->classes, class));
}

static guint
count_dashed (Svg        *svg,
              const char *class)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (svg->dashed, class));
}

/* Whether a <text> of @class says exactly @text. */
static gboolean
has_text (Svg        *svg,
          const char *class,
          const char *text)
{
  g_autofree char *wanted = g_strdup_printf ("%s\t%s", class, text);

  for (guint i = 0; i < svg->texts->len; i++)
    if (g_str_equal (g_ptr_array_index (svg->texts, i), wanted))
      return TRUE;
  return FALSE;
}

static guint
count_texts (Svg        *svg,
             const char *class)
{
  g_autofree char *prefix = g_strdup_printf ("%s\t", class);
  guint n = 0;

  for (guint i = 0; i < svg->texts->len; i++)
    n += g_str_has_prefix (g_ptr_array_index (svg->texts, i), prefix);
  return n;
}

static Svg *
svg_of (CgGenogram *genogram)
{
  g_autoptr(GBytes) bytes = cg_genogram_to_svg (genogram);

  return read_svg (bytes);
}

/* Is the centre of @key's symbol inside a household boundary? */
static gboolean
in_household (Svg        *svg,
              CgGenogram *genogram,
              const char *key)
{
  double x, y;

  g_assert_true (cg_genogram_get_symbol (genogram, key, &x, &y, NULL));
  for (guint h = 0; h < svg->households->len; h++)
    {
      g_auto(GStrv) pairs = g_strsplit (g_ptr_array_index (svg->households, h), " ", -1);
      guint n = g_strv_length (pairs);
      gboolean inside = FALSE;

      /* Even-odd rule over the polygon's edges. */
      for (guint i = 0, j = n - 1; i < n; j = i++)
        {
          double xi, yi, xj, yj;

          g_assert_cmpint (sscanf (pairs[i], "%lf,%lf", &xi, &yi), ==, 2);
          g_assert_cmpint (sscanf (pairs[j], "%lf,%lf", &xj, &yj), ==, 2);
          if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
        }
      if (inside)
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------ tests */

/* The three-generation family as at 1 June 2021: see its CSV files. */
static void
test_symbols (void)
{
  g_autoptr(CgFamily) family = read_fixture ("three-generations");
  g_autoptr(CgGenogram) genogram = layout (family, "2021-06-01", FALSE);
  g_autoptr(Svg) svg = svg_of (genogram);

  g_assert_cmpuint (count (svg, "person male"), ==, 9);     /* squares */
  g_assert_cmpuint (count (svg, "person female"), ==, 7);   /* circles */
  g_assert_cmpuint (count (svg, "person unknown"), ==, 1);  /* diamond */
  g_assert_cmpuint (count (svg, "subject-outline"), ==, 1);
  g_assert_cmpuint (count (svg, "deceased-cross"), ==, 2);  /* Arthur 2015, Frank 2019 */
  g_assert_cmpuint (count_dashed (svg, "person male") + count_dashed (svg, "person female"), ==, 0);

  /* The drawing model says the same as the SVG. */
  g_assert_cmpuint (cg_genogram_count (genogram, CG_GENOGRAM_MALE), ==, 9);
  g_assert_cmpuint (cg_genogram_count (genogram, CG_GENOGRAM_FEMALE), ==, 7);
  g_assert_cmpuint (cg_genogram_count (genogram, CG_GENOGRAM_SEX_UNKNOWN), ==, 1);
  g_assert_cmpuint (cg_genogram_count (genogram, CG_GENOGRAM_SUBJECT_OUTLINE), ==, 1);
  g_assert_cmpuint (cg_genogram_count (genogram, CG_GENOGRAM_DECEASED_CROSS), ==, 2);
  g_assert_cmpuint (cg_genogram_count (genogram, CG_GENOGRAM_LABEL), ==, 17);

  /* Every label and name is a <text> of its own. */
  g_assert_cmpuint (count_texts (svg, "label"), ==, 17);
  g_assert_true (has_text (svg, "label", "Child B"));
  g_assert_true (has_text (svg, "label", "Mother"));
  g_assert_true (has_text (svg, "label", "Maternal Grandmother"));
  g_assert_true (has_text (svg, "name", "Ruby Marsh"));
  g_assert_true (has_text (svg, "years", "b. 1940"));
  g_assert_true (has_text (svg, "years", "d. 2015"));
  g_assert_true (has_text (svg, "age", "6"));      /* Ruby, born 2 March 2015 */
  g_assert_true (has_text (svg, "age", "74"));     /* Frank, 1945-2019: age at death */
  g_assert_true (has_text (svg, "caption", "Genogram as at 1 June 2021"));
  g_assert_true (has_text (svg, "legend", "Subject child (double outline)"));
}

static void
test_couples_and_children (void)
{
  g_autoptr(CgFamily) family = read_fixture ("three-generations");
  g_autoptr(CgGenogram) genogram = layout (family, "2021-06-01", FALSE);
  g_autoptr(Svg) svg = svg_of (genogram);

  g_assert_cmpuint (count (svg, "couple married"), ==, 3);    /* Price, Stone, Marsh */
  g_assert_cmpuint (count (svg, "couple divorced"), ==, 2);   /* Hughes twice */
  g_assert_cmpuint (count (svg, "couple separated"), ==, 1);  /* Gary and Tanya, ended 2018 */
  g_assert_cmpuint (count_dashed (svg, "couple separated"), ==, 1);   /* they never married */
  g_assert_cmpuint (count_dashed (svg, "couple married"), ==, 0);
  g_assert_cmpuint (count (svg, "slash"), ==, 2 + 2 + 1);
  g_assert_cmpuint (cg_genogram_count (genogram, CG_GENOGRAM_SLASH), ==, 5);

  g_assert_cmpuint (count (svg, "child-line birth"), ==, 8);
  g_assert_cmpuint (count (svg, "child-line adopted"), ==, 1);
  g_assert_cmpuint (count_dashed (svg, "child-line adopted"), ==, 1);
  g_assert_cmpuint (count (svg, "child-line foster"), ==, 1);
  g_assert_cmpuint (count_dashed (svg, "child-line foster"), ==, 1);

  g_assert_cmpuint (count (svg, "emotional close"), ==, 2);   /* drawn double */
  g_assert_cmpuint (count (svg, "emotional conflict"), ==, 1);
  g_assert_cmpuint (count (svg, "emotional abuse"), ==, 1);   /* the other ended in 2010 */
  g_assert_cmpuint (count (svg, "abuse-arrow"), ==, 1);
  g_assert_cmpuint (count (svg, "emotional cutoff"), ==, 2);
  g_assert_cmpuint (count (svg, "cutoff-bar"), ==, 2);

  g_assert_cmpuint (count (svg, "household"), ==, 2);
  g_assert_true (has_text (svg, "household-name", "h1"));
  g_assert_true (in_household (svg, genogram, "k5"));    /* Ruby lives with her mother */
  g_assert_true (in_household (svg, genogram, "k4"));    /* Tyler with his father */
  g_assert_false (in_household (svg, genogram, "k2"));   /* Jack left in 2012 */
  g_assert_false (in_household (svg, genogram, "g2"));
}

static double
x_of (CgGenogram *genogram,
      const char *key)
{
  double x;

  g_assert_true (cg_genogram_get_symbol (genogram, key, &x, NULL, NULL));
  return x;
}

static double
y_of (CgGenogram *genogram,
      const char *key)
{
  double y;

  g_assert_true (cg_genogram_get_symbol (genogram, key, NULL, &y, NULL));
  return y;
}

/* Generations in rows, partners side by side, children oldest on the left,
 * half-siblings under the parent they share with the others' other parent. */
static void
test_positions (void)
{
  g_autoptr(CgFamily) family = read_fixture ("three-generations");
  g_autoptr(CgGenogram) genogram = layout (family, "2021-06-01", FALSE);

  g_assert_cmpfloat (y_of (genogram, "g1"), ==, y_of (genogram, "g2"));
  g_assert_cmpfloat (y_of (genogram, "g1"), <, y_of (genogram, "m1"));
  g_assert_cmpfloat (y_of (genogram, "m1"), ==, y_of (genogram, "f1"));
  g_assert_cmpfloat (y_of (genogram, "m1"), ==, y_of (genogram, "f3"));
  g_assert_cmpfloat (y_of (genogram, "m1"), <, y_of (genogram, "k1"));
  g_assert_cmpfloat (y_of (genogram, "g4"), ==, y_of (genogram, "g5"));

  /* Chloe 1988, Jack 1991, Ava 2009 */
  g_assert_cmpfloat (x_of (genogram, "k1"), <, x_of (genogram, "k2"));
  g_assert_cmpfloat (x_of (genogram, "k2"), <, x_of (genogram, "k3"));
  /* Gary's son with Tanya on Gary's side, Diane's daughter with Leon on hers. */
  g_assert_cmpfloat (x_of (genogram, "f2"), <, x_of (genogram, "f1"));
  g_assert_cmpfloat (x_of (genogram, "f1"), <, x_of (genogram, "m1"));
  g_assert_cmpfloat (x_of (genogram, "m1"), <, x_of (genogram, "f3"));
  g_assert_cmpfloat (x_of (genogram, "k4"), <, x_of (genogram, "k1"));
  g_assert_cmpfloat (x_of (genogram, "k3"), <, x_of (genogram, "k5"));
  g_assert_cmpfloat (x_of (genogram, "k5"), <, x_of (genogram, "k6"));
  /* Nobody stands between Diane and Leon. */
  for (guint i = 0; i < family->people->len; i++)
    {
      CgPerson *p = g_ptr_array_index (family->people, i);
      double x = x_of (genogram, p->key);

      if (y_of (genogram, p->key) == y_of (genogram, "m1"))
        g_assert_false (x > x_of (genogram, "m1") && x < x_of (genogram, "f3"));
    }
}

/* The same family in 2009: Gary and Diane still married, nobody dead yet,
 * three children not yet born, the adoption not yet made, no households. */
static void
test_as_at (void)
{
  g_autoptr(CgFamily) family = read_fixture ("three-generations");
  g_autoptr(CgGenogram) genogram = layout (family, "2009-01-01", FALSE);
  g_autoptr(Svg) svg = svg_of (genogram);

  g_assert_cmpuint (cg_genogram_get_date (genogram), ==, cg_date_from_iso ("2009-01-01"));
  g_assert_cmpuint (count (svg, "deceased-cross"), ==, 0);
  g_assert_cmpuint (count (svg, "slash"), ==, 2);               /* Frank and Irene only */
  g_assert_cmpuint (count (svg, "couple married"), ==, 3);      /* Gary and Diane still */
  g_assert_cmpuint (count (svg, "couple not-yet"), ==, 2);      /* Tanya, Leon */
  g_assert_cmpuint (count_dashed (svg, "person male") + count_dashed (svg, "person female"), ==, 4);
  g_assert_cmpuint (count (svg, "child-line adopted"), ==, 0);
  g_assert_cmpuint (count (svg, "child-line foster"), ==, 0);
  g_assert_cmpuint (count (svg, "emotional abuse"), ==, 2);
  g_assert_cmpuint (count (svg, "household"), ==, 0);
  g_assert_true (has_text (svg, "legend", "Not yet born at this date"));
}

/* Child A's mother and her partner: cohabiting in June 2021, separated and
 * living apart at the incident. */
static void
test_as_at_child_a (void)
{
  g_autoptr(CgFamily) family = read_fixture ("child-a");
  g_autoptr(CgGenogram) before = layout (family, "2021-06-15", FALSE);
  g_autoptr(CgGenogram) incident = layout (family, "2022-01-20", FALSE);
  g_autoptr(Svg) svg_before = svg_of (before);
  g_autoptr(Svg) svg_incident = svg_of (incident);

  g_assert_cmpuint (count (svg_before, "couple partners"), ==, 1);
  g_assert_cmpuint (count (svg_before, "couple separated"), ==, 2);
  g_assert_cmpuint (count (svg_before, "slash"), ==, 2);
  g_assert_true (in_household (svg_before, before, "p5"));

  g_assert_cmpuint (count (svg_incident, "couple partners"), ==, 0);
  g_assert_cmpuint (count (svg_incident, "couple separated"), ==, 3);
  g_assert_cmpuint (count (svg_incident, "slash"), ==, 3);
  g_assert_false (in_household (svg_incident, incident, "p5"));
  g_assert_true (in_household (svg_incident, incident, "p2"));
  g_assert_cmpuint (count (svg_incident, "household"), ==, 3);
  g_assert_cmpuint (count (svg_incident, "subject-outline"), ==, 1);
  g_assert_cmpuint (count (svg_incident, "emotional abuse"), ==, 2);
  g_assert_cmpuint (count (svg_incident, "emotional close"), ==, 2);
  g_assert_cmpuint (count (svg_incident, "emotional cutoff"), ==, 2);

  /* What the acceptance scorer looks for: each label, a text of its own. */
  for (guint i = 0; i < family->people->len; i++)
    {
      CgPerson *p = g_ptr_array_index (family->people, i);

      g_assert_true (has_text (svg_incident, "label", p->label));
      g_assert_true (has_text (svg_incident, "name", p->name));
    }
}

static gboolean
mentions_word (const char *haystack,
               const char *word)
{
  g_autofree char *escaped = g_regex_escape_string (word, -1);
  g_autofree char *pattern = g_strdup_printf ("\\b%s\\b", escaped);

  return g_regex_match_simple (pattern, haystack, G_REGEX_CASELESS, 0);
}

static void
test_anonymised (void)
{
  const char *fixtures[] = { "child-a", "three-generations" };

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(CgFamily) family = read_fixture (fixtures[f]);
      g_autoptr(CgGenogram) genogram = layout (family, "2021-06-01", TRUE);
      g_autoptr(GBytes) bytes = cg_genogram_to_svg (genogram);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autoptr(Svg) svg = read_svg (bytes);

      for (guint i = 0; i < family->people->len; i++)
        {
          CgPerson *p = g_ptr_array_index (family->people, i);
          g_auto(GStrv) words = g_strsplit (p->name ? p->name : "", " ", -1);

          g_assert_true (has_text (svg, "label", p->label));
          for (guint w = 0; words[w]; w++)
            if (*words[w])
              g_assert_false (mentions_word (text, words[w]));
          for (guint a = 0; p->aliases[a]; a++)
            g_assert_false (mentions_word (text, p->aliases[a]));
          g_assert_null (strstr (text, "data-person"));
          for (guint t = 0; p->born && t < svg->texts->len; t++)
            {
              g_autofree char *year = g_strndup (p->born, 4);
              g_assert_false (mentions_word (g_ptr_array_index (svg->texts, t), year));
            }
        }
      g_assert_cmpuint (count (svg, "name"), ==, 0);
      g_assert_cmpuint (count (svg, "years"), ==, 0);
      g_assert_false (mentions_word (text, "h1"));
      g_assert_true (has_text (svg, "household-name", "Household 1"));
    }
}

static void
test_escaping (void)
{
  g_autoptr(CgFamily) family = cg_family_new ();
  g_autoptr(CgGenogram) genogram = NULL;
  g_autoptr(Svg) svg = NULL;
  const char *names[] = { "Tom <\"Tommy\"> & O'Neil", "Zoë \\n Ünal" };
  const char *labels[] = { "Child & Co <x>", "Mother ]]> --" };

  for (guint i = 0; i < 2; i++)
    {
      CgPerson *p = g_new0 (CgPerson, 1);

      p->key = g_strdup_printf ("x\"%u<", i);
      p->name = g_strdup (names[i]);
      p->label = g_strdup (labels[i]);
      p->aliases = g_new0 (char *, 1);
      p->sex = i ? CG_SEX_FEMALE : CG_SEX_MALE;
      g_ptr_array_add (family->people, p);
    }
  {
    CgRelationship *r = g_new0 (CgRelationship, 1);

    r->a = g_strdup ("x\"1<");
    r->b = g_strdup ("x\"0<");
    r->kind = CG_RELATIONSHIP_PARENT;
    g_ptr_array_add (family->relationships, r);
  }
  genogram = layout (family, "2022-01-01", FALSE);
  svg = svg_of (genogram);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (has_text (svg, "name", names[i]));
      g_assert_true (has_text (svg, "label", labels[i]));
    }
}

static void
test_empty_family (void)
{
  g_autoptr(CgFamily) family = cg_family_new ();
  g_autoptr(CgGenogram) genogram = layout (family, "2022-01-20", FALSE);
  g_autoptr(Svg) svg = svg_of (genogram);
  double width, height;

  cg_genogram_get_size (genogram, &width, &height);
  g_assert_cmpfloat (width, >, 0);
  g_assert_cmpfloat (height, >, 0);
  g_assert_cmpuint (count (svg, "person male"), ==, 0);
  g_assert_true (has_text (svg, "caption", "No people have been added to this review yet."));
}

static void
test_stable (void)
{
  g_autoptr(CgFamily) family = read_fixture ("three-generations");
  g_autoptr(CgGenogram) first = layout (family, "2021-06-01", FALSE);
  g_autoptr(CgGenogram) second = layout (family, "2021-06-01", FALSE);
  g_autoptr(GBytes) a = cg_genogram_to_svg (first);
  g_autoptr(GBytes) b = cg_genogram_to_svg (second);

  g_assert_true (g_bytes_equal (a, b));
}

static void
test_hit_testing (void)
{
  g_autoptr(CgFamily) family = read_fixture ("child-a");
  g_autoptr(CgGenogram) genogram = layout (family, "2022-01-20", FALSE);

  for (guint i = 0; i < family->people->len; i++)
    {
      CgPerson *p = g_ptr_array_index (family->people, i);
      double cx, cy, r, x, y, w, h;

      g_assert_true (cg_genogram_get_symbol (genogram, p->key, &cx, &cy, &r));
      g_assert_cmpstr (cg_genogram_person_at (genogram, cx, cy), ==, p->key);
      g_assert_cmpstr (cg_genogram_person_at (genogram, cx + r - 1, cy + r - 1), ==, p->key);
      g_assert_true (cg_genogram_get_person_area (genogram, p->key, &x, &y, &w, &h));
      g_assert_cmpfloat (x, <=, cx - r);
      g_assert_cmpfloat (x + w, >=, cx + r);
      /* The label under the symbol belongs to the person too. */
      g_assert_cmpstr (cg_genogram_person_at (genogram, cx, cy + r + 10), ==, p->key);
    }
  g_assert_null (cg_genogram_person_at (genogram, 1, 1));
  g_assert_false (cg_genogram_get_symbol (genogram, "p99", NULL, NULL, NULL));
}

/* ------------------------------------------------------------ files */

static guint32
pixel (cairo_surface_t *surface,
       double           x,
       double           y)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *)(data + (int)y * stride + (int)x * 4) & 0xffffff;
}

static gboolean
is_dark (guint32 rgb)
{
  return ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 100;
}

static void
test_write (void)
{
  g_autoptr(CgFamily) family = read_fixture ("child-a");
  g_autoptr(CgGenogram) genogram = layout (family, "2022-01-20", FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cg-genogram-XXXXXX", NULL);
  const char *formats[] = { "svg", "pdf", "png" };
  const char *magic[] = { "<?xml", "%PDF-", "\x89PNG" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("genogram.%s", formats[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize len;
      GStatBuf st;

      g_assert_true (cg_genogram_write (genogram, formats[i], path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_assert_true (g_str_has_prefix (data, magic[i]));
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }

  /* The PNG: twice the size in points; the subject's two outlines are there
   * with paper between them; the deceased have no X here. */
  {
    g_autofree char *path = g_build_filename (dir, "genogram.png", NULL);
    cairo_surface_t *png = cairo_image_surface_create_from_png (path);
    double width, height, cx, cy, r;

    g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
    cg_genogram_get_size (genogram, &width, &height);
    g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int)ceil (width * 2));
    g_assert_cmpint (cairo_image_surface_get_height (png), ==, (int)ceil (height * 2));
    g_assert_true (cg_genogram_get_symbol (genogram, "p2", &cx, &cy, &r));
    g_assert_true (is_dark (pixel (png, (cx - r) * 2, cy * 2)));         /* outline */
    g_assert_false (is_dark (pixel (png, (cx - r - 2) * 2, cy * 2)));    /* gap */
    g_assert_true (is_dark (pixel (png, (cx - r - 4) * 2, cy * 2)));     /* second outline */
    g_assert_false (is_dark (pixel (png, (cx - r / 2) * 2, (cy - r / 2) * 2)));   /* no X */
    cairo_surface_destroy (png);
  }

  {
    g_autofree char *path = g_build_filename (dir, "genogram.gif", NULL);

    g_assert_false (cg_genogram_write (genogram, "gif", path, &error));
    g_assert_error (error, CG_ERROR, CG_ERROR_INVALID);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *path = g_build_filename (dir, "no-such-folder", "genogram.svg", NULL);

    g_clear_error (&error);
    g_assert_false (cg_genogram_write (genogram, "svg", path, &error));
    g_assert_error (error, CG_ERROR, CG_ERROR_FAILED);
    g_assert_true (g_str_has_prefix (error->message, "genogram.svg: cannot be written"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("genogram.%s", formats[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A deceased person in the PNG: pixels on the X's diagonals. */
static void
test_png_cross (void)
{
  g_autoptr(CgFamily) family = read_fixture ("three-generations");
  g_autoptr(CgGenogram) genogram = layout (family, "2021-06-01", FALSE);
  g_autofree char *dir = g_dir_make_tmp ("cg-genogram-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "genogram.png", NULL);
  cairo_surface_t *png;
  double cx, cy, r;

  g_assert_true (cg_genogram_write (genogram, "png", path, NULL));
  png = cairo_image_surface_create_from_png (path);
  g_assert_true (cg_genogram_get_symbol (genogram, "g1", &cx, &cy, &r));
  g_assert_true (is_dark (pixel (png, (cx - r / 2) * 2, (cy - r / 2) * 2)));
  g_assert_true (is_dark (pixel (png, (cx + r / 2) * 2, (cy - r / 2) * 2)));
  g_assert_true (cg_genogram_get_symbol (genogram, "g2", &cx, &cy, &r));   /* alive */
  g_assert_false (is_dark (pixel (png, (cx - r / 2) * 2, (cy - r / 2) * 2)));
  cairo_surface_destroy (png);
  g_unlink (path);
  g_rmdir (dir);
}

/* Graphviz prints nothing when all is well. */
static void
test_quiet (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CgFamily) family = read_fixture ("three-generations");
      g_autoptr(CgGenogram) genogram = layout (family, "2021-06-01", FALSE);
      g_autoptr(GBytes) svg = cg_genogram_to_svg (genogram);

      g_assert_nonnull (svg);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
  g_test_trap_assert_stdout ("");
}

static gpointer
layout_in_thread (gpointer data)
{
  CgFamily *family = data;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(CgGenogram) genogram = cg_genogram_layout (family, 0, NULL, NULL);
      g_autoptr(GBytes) svg = NULL;

      g_assert_nonnull (genogram);
      svg = cg_genogram_to_svg (genogram);
      g_assert_nonnull (svg);
    }
  return NULL;
}

/* Graphviz is not thread-safe; the lock makes parallel layouts safe. */
static void
test_threads (void)
{
  g_autoptr(CgFamily) family = read_fixture ("three-generations");
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("layout", layout_in_thread, family);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/genogram/symbols", test_symbols);
  g_test_add_func ("/genogram/couples-and-children", test_couples_and_children);
  g_test_add_func ("/genogram/positions", test_positions);
  g_test_add_func ("/genogram/as-at", test_as_at);
  g_test_add_func ("/genogram/as-at/child-a", test_as_at_child_a);
  g_test_add_func ("/genogram/anonymised", test_anonymised);
  g_test_add_func ("/genogram/escaping", test_escaping);
  g_test_add_func ("/genogram/empty-family", test_empty_family);
  g_test_add_func ("/genogram/stable", test_stable);
  g_test_add_func ("/genogram/hit-testing", test_hit_testing);
  g_test_add_func ("/genogram/write", test_write);
  g_test_add_func ("/genogram/png-cross", test_png_cross);
  g_test_add_func ("/genogram/quiet", test_quiet);
  g_test_add_func ("/genogram/threads", test_threads);

  return g_test_run ();
}
