/* test-export.c: the anonymiser, the scan for what still identifies, and the export model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cg-analysis.h"
#include "cg-anonymiser.h"
#include "cg-errors.h"
#include "cg-export-model.h"
#include "cg-glossary.h"
#include "cg-import.h"
#include "cg-store.h"
#include "cg-zip.h"

static CgPerson *
person (const char *key,
        const char *name,
        const char *aliases,
        const char *label,
        const char *born,
        gboolean    subject)
{
  CgPerson *p = g_new0 (CgPerson, 1);

  p->key = g_strdup (key);
  p->name = g_strdup (name);
  p->aliases = g_strsplit (aliases ? aliases : "", ";", -1);
  if (aliases == NULL || *aliases == '\0')
    {
      g_strfreev (p->aliases);
      p->aliases = g_new0 (char *, 1);
    }
  p->label = g_strdup (label);
  p->born = g_strdup (born);
  p->subject = subject;
  return p;
}

/* A family like the fixtures', with a name that is an everyday word. */
static CgFamily *
family (void)
{
  CgFamily *f = cg_family_new ();

  g_ptr_array_add (f->people,
                   person ("p1", "Kayleigh Brennan", "Kayleigh;Kay", "Mother", "1996", FALSE));
  g_ptr_array_add (f->people,
                   person ("p2", "Lily Brennan", "Lily;Lils", "Child A", "2019-07-14", TRUE));
  g_ptr_array_add (f->people,
                   person ("p3", "Mason Brennan", "Mason;Mase", "Sibling B", "2017-02-02", FALSE));
  g_ptr_array_add (f->people, person ("p5", "Dean Walsh", "Dean", "Partner 1", "1990", FALSE));
  g_ptr_array_add (f->people, person ("p8", "Will Jones", NULL, "Uncle", NULL, FALSE));
  return f;
}

static CgAnonymiser *
anonymiser (void)
{
  g_autoptr(CgFamily) f = family ();
  CgAnonymiser *a = cg_anonymiser_new ();

  cg_anonymiser_add_family (a, f);
  return a;
}

static void
assert_applies (CgAnonymiser *a,
                const char   *text,
                const char   *expected)
{
  g_autofree char *result = cg_anonymiser_apply (a, text);

  g_assert_cmpstr (result, ==, expected);
}

/* ------------------------------------------------------------ replacing */

static void
test_names (void)
{
  g_autoptr(CgAnonymiser) a = anonymiser ();
  static const struct { const char *text, *expected; } cases[] = {
    /* whole names, aliases and nicknames, in any case */
    { "Lily seen asleep", "Child A seen asleep" },
    { "Booking: Kayleigh Brennan, pregnancy with Lily.",
      "Booking: Mother, pregnancy with Child A." },
    { "LILY cried; lily was calm", "Child A cried; Child A was calm" },
    { "Kay and Lils and Mase", "Mother and Child A and Sibling B" },
    /* possessives, straight and curly */
    { "Lily's cot", "Child A's cot" },
    { "bruise to Lily’s forehead", "bruise to Child A’s forehead" },
    { "Kayleigh Brennan's partner", "Mother's partner" },
    /* whole words only: another name that starts the same is left alone */
    { "Lilyanne visited", "Lilyanne visited" },
    { "Masonry work", "Masonry work" },
    { "Deanna called", "Deanna called" },
    /* a name split over a line break */
    { "Kayleigh\n  Brennan", "Mother" },
    /* a family name on its own, with and without a title */
    { "the Brennan family", "the [family name] family" },
    { "Mr Walsh arrested", "Partner 1 arrested" },
    { "Walsh left", "Partner 1 left" },
    /* a name that is an everyday word is replaced only with its capital */
    { "she will ring Will", "she will ring Uncle" },
    { "Will's dog", "Uncle's dog" },
    /* hyphens and apostrophes are word boundaries */
    { "Smith-Brennan", "Smith-[family name]" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_applies (a, cases[i].text, cases[i].expected);
  g_assert_null (cg_anonymiser_apply (a, NULL));
}

static void
test_accents (void)
{
  g_autoptr(CgAnonymiser) a = cg_anonymiser_new ();

  cg_anonymiser_add_term (a, "Zoë Adams", "HV 1", TRUE);
  cg_anonymiser_add_term (a, "Chloé", "Person 2", TRUE);
  assert_applies (a, "seen by Zoe Adams", "seen by HV 1");
  assert_applies (a, "seen by ZOË ADAMS", "seen by HV 1");
  assert_applies (a, "Chloe and Chloé", "Person 2 and Person 2");
}

static void
test_practitioners (void)
{
  g_autoptr(CgAnonymiser) a = cg_anonymiser_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  const char *texts[] = { "HV Zoë Adams", "GP 1", "PC 4471", "PC 5102", "Duty SW 1",
                          "GP Sam Patel", "Consultant paediatrician", "Sarah Jones",
                          "HV Zoë Adams", NULL };

  for (guint i = 0; texts[i]; i++)
    g_ptr_array_add (cells, (gpointer)texts[i]);
  cg_anonymiser_add_practitioners (a, cells);

  assert_applies (a, "HV Zoë Adams", "HV 1");
  assert_applies (a, "PC 4471", "PC 1");
  assert_applies (a, "PC 5102", "PC 2");
  /* cells that name nobody stay, and new labels never take their names */
  assert_applies (a, "GP 1", "GP 1");
  assert_applies (a, "GP Sam Patel", "GP 2");
  assert_applies (a, "Duty SW 1", "Duty SW 1");
  assert_applies (a, "Consultant paediatrician", "Consultant paediatrician");
  assert_applies (a, "Sarah Jones", "Practitioner 1");
  /* and the names wherever records mention them */
  assert_applies (a, "Discussed with Zoe Adams; Adams agreed. Officer 4471 attended.",
                  "Discussed with HV 1; HV 1 agreed. Officer PC 1 attended.");
  assert_applies (a, "Dr Patel saw Sarah", "Dr GP 2 saw Practitioner 1");
}

static void
test_glossary (void)
{
  g_autoptr(CgGlossary) glossary = cg_glossary_new ();
  g_autoptr(CgAnonymiser) a = cg_anonymiser_new ();
  const char *variants[] = { "Oakfield Primary", "Oakfield", NULL };
  CgGlossaryEntry *school;
  CgGlossaryEntry *address;
  CgGlossaryEntry *second;

  school = cg_glossary_add (glossary, "Oakfield Primary School", CG_GLOSSARY_SCHOOL, NULL,
                            variants);
  address = cg_glossary_add (glossary, "12 Acacia Avenue", CG_GLOSSARY_ADDRESS, "", NULL);
  second = cg_glossary_add (glossary, "Hillside Academy", CG_GLOSSARY_SCHOOL, NULL, NULL);
  g_assert_cmpstr (school->placeholder, ==, "School 1");
  g_assert_cmpstr (address->placeholder, ==, "Address 1");
  g_assert_cmpstr (second->placeholder, ==, "School 2");

  cg_anonymiser_add_glossary (a, glossary);
  assert_applies (a, "Mason attends Oakfield Primary School.", "Mason attends School 1.");
  assert_applies (a, "Oakfield Primary rang; Oakfield's head", "School 1 rang; School 1's head");
  assert_applies (a, "Police attended 12 acacia avenue", "Police attended Address 1");
  assert_applies (a, "moved to Hillside Academy", "moved to School 2");
}

/* ----------------------------------------------------------------- scan */

static gboolean
found (GPtrArray        *findings,
       CgIdentifierKind  kind,
       const char       *text)
{
  for (guint i = 0; i < findings->len; i++)
    {
      CgFinding *f = g_ptr_array_index (findings, i);

      if (f->kind == kind && g_strcmp0 (f->text, text) == 0)
        return TRUE;
    }
  return FALSE;
}

static guint
count_kind (GPtrArray        *findings,
            CgIdentifierKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (((CgFinding *)g_ptr_array_index (findings, i))->kind == kind)
      n++;
  return n;
}

static void
test_nhs_numbers (void)
{
  /* 943 476 5919 is the NHS's own example; the others change one digit. */
  g_assert_true (cg_nhs_number_is_valid ("9434765919"));
  g_assert_true (cg_nhs_number_is_valid ("943 476 5919"));
  g_assert_true (cg_nhs_number_is_valid ("943-476-5919"));
  g_assert_false (cg_nhs_number_is_valid ("9434765918"));
  g_assert_false (cg_nhs_number_is_valid ("9434765910"));
  g_assert_false (cg_nhs_number_is_valid ("943476591"));
  g_assert_false (cg_nhs_number_is_valid ("94347659190"));
  g_assert_false (cg_nhs_number_is_valid ("94347659x9"));
  /* check digit 10 is never issued */
  g_assert_false (cg_nhs_number_is_valid ("0000000060"));
}

static void
test_scan (void)
{
  g_autoptr(CgAnonymiser) a = anonymiser ();
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_finding_free);
  const char *text =
    "Family moved to M1 1AE from SW1A 1AA. NHS number 943 476 5919; the GP gave 943 476 5918 "
    "by mistake. Mother's mobile 07700 900123, landline (0161) 496 0000, or +44 20 7946 0958. "
    "E-mail kay.b@example.org. Child A DOB 14/07/2019. Visit with Jayden and Mrs Okafor, "
    "Kaleigh agreed. Attendance 78%, 14 sessions missed on 12/03/2021 at 10:30.";

  cg_anonymiser_learn_words (a, "mother agreed to attend the visit with her family");
  cg_anonymiser_scan (a, text, "police.csv row 3", findings);

  g_assert_true (found (findings, CG_IDENTIFIER_POSTCODE, "M1 1AE"));
  g_assert_true (found (findings, CG_IDENTIFIER_POSTCODE, "SW1A 1AA"));
  g_assert_true (found (findings, CG_IDENTIFIER_NHS_NUMBER, "943 476 5919"));
  /* a wrong check digit is not an NHS number */
  g_assert_false (found (findings, CG_IDENTIFIER_NHS_NUMBER, "943 476 5918"));
  g_assert_cmpuint (count_kind (findings, CG_IDENTIFIER_NHS_NUMBER), ==, 1);
  g_assert_true (found (findings, CG_IDENTIFIER_PHONE, "07700 900123"));
  g_assert_true (found (findings, CG_IDENTIFIER_PHONE, "(0161) 496 0000"));
  g_assert_true (found (findings, CG_IDENTIFIER_PHONE, "+44 20 7946 0958"));
  g_assert_true (found (findings, CG_IDENTIFIER_EMAIL, "kay.b@example.org"));
  g_assert_true (found (findings, CG_IDENTIFIER_BIRTH_DATE, "14/07/2019"));
  g_assert_false (found (findings, CG_IDENTIFIER_BIRTH_DATE, "12/03/2021"));
  g_assert_true (found (findings, CG_IDENTIFIER_UNKNOWN_NAME, "Jayden"));
  g_assert_true (found (findings, CG_IDENTIFIER_UNKNOWN_NAME, "Okafor"));
  /* a misspelling of a name in the register */
  g_assert_true (found (findings, CG_IDENTIFIER_NAME, "Kaleigh"));
  /* role labels, sentence starts and ordinary words are not names */
  g_assert_false (found (findings, CG_IDENTIFIER_UNKNOWN_NAME, "Child"));
  g_assert_false (found (findings, CG_IDENTIFIER_UNKNOWN_NAME, "Mother"));
  g_assert_false (found (findings, CG_IDENTIFIER_UNKNOWN_NAME, "Attendance"));
  g_assert_false (found (findings, CG_IDENTIFIER_UNKNOWN_NAME, "Family"));
  g_assert_false (found (findings, CG_IDENTIFIER_UNKNOWN_NAME, "GP"));
  g_assert_cmpuint (count_kind (findings, CG_IDENTIFIER_PHONE), ==, 3);
}

static void
test_scan_quiet (void)
{
  g_autoptr(CgAnonymiser) a = anonymiser ();
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_finding_free);
  const char *texts[] = {
    "Domestic incident. Mother has a cut lip and states Partner 1 punched her.",
    "999 call 17:20: 2 year old with head injury after fall from sofa.",
    "Strategy discussion with Children's Social Care and the consultant paediatrician.",
    "Attendance 78%, 14 sessions missed. Ref OCC-21-1187, 2021-03-12.",
    "Section 47 enquiry regarding Child A.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    cg_anonymiser_learn_words (a, texts[i]);
  cg_anonymiser_allow_words (a, "Children's Social Care");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    cg_anonymiser_scan (a, texts[i], "test", findings);
  for (guint i = 0; i < findings->len; i++)
    {
      CgFinding *f = g_ptr_array_index (findings, i);
      g_test_message ("unexpected: %s “%s”", cg_identifier_kind_get_label (f->kind), f->text);
    }
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_leaks (void)
{
  g_autoptr(CgAnonymiser) a = anonymiser ();
  const char xml[] = "<w:t>Child A</w:t><w:t>Lily</w:t>";
  const char binary[] = "\x89PNG\0\0\xff\xfe Brennan \0";
  char *leak;

  leak = cg_anonymiser_find_leak (a, xml, strlen (xml));
  g_assert_cmpstr (leak, ==, "Lily");
  g_free (leak);
  leak = cg_anonymiser_find_leak (a, binary, sizeof binary - 1);
  g_assert_cmpstr (leak, ==, "Brennan");
  g_free (leak);
  g_assert_null (cg_anonymiser_find_leak (a, "Lilyanne and Child A", 20));
  /* everyday words are not leaks: only "Will" with its capital */
  g_assert_null (cg_anonymiser_find_leak (a, "she will call", 13));
}

/* ----------------------------------------------------------------- dates */

static char *
to_month (const CgPeriod *period,
          int             day,
          int             month,
          const char     *written,
          gpointer        user_data)
{
  int y, m, d;

  if (period == NULL)
    return g_strdup_printf ("[month %d]", month);
  cg_date_to_ymd (period->start, &y, &m, &d);
  return g_strdup_printf ("[%04d-%02d]", y, m);
}

static void
test_dates_in_text (void)
{
  static const struct { const char *text, *expected; } cases[] = {
    { "incident on 12/03/2021.", "incident on [2021-03]." },
    { "incident 03/07/21 (arrested)", "incident [2021-07] (arrested)" },
    { "on 20-Jan-22 at 17:20", "on [2022-01] at 17:20" },
    { "on 12 March 2021", "on [2021-03]" },
    { "on 1st of June 2021", "on [2021-06]" },
    { "on March 12, 2021", "on [2021-03]" },
    { "dated 2021-03-12", "dated [2021-03]" },
    { "discussed at MARAC 15/07.", "discussed at MARAC [month 7]." },
    { "at 10:30, 78% seen, 3/4 of sessions, ref 21-1187",
      "at 10:30, 78% seen, 3/4 of sessions, ref 21-1187" },
    { "31/11/2021 is not a date", "31/11/2021 is not a date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = cg_text_map_dates (cases[i].text, to_month, NULL);
      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

static void
test_ages (void)
{
  guint32 born = cg_date_from_iso ("2019-07-14");
  static const struct { const char *day, *expected; } cases[] = {
    { "2019-07-14", "under 1 week" },
    { "2019-07-30", "2 weeks" },
    { "2019-08-14", "1 month" },
    { "2020-07-13", "11 months" },
    { "2020-07-14", "1 year" },
    { "2021-03-12", "1 year 7 months" },
    { "2022-01-20", "2 years 6 months" },
    { "2019-03-02", "before birth" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *age = cg_export_describe_age (born, cg_date_from_iso (cases[i].day));
      g_assert_cmpstr (age, ==, cases[i].expected);
    }
}

static void
test_agency_codes (void)
{
  static const struct { const char *name, *code; } cases[] = {
    { "Children's Social Care", "CSC" },
    { "Police", "POL" },
    { "Health Visiting", "HV" },
    { "GP Practice", "GPP" },
    { "Emergency Department", "ED" },
    { "CAMHS", "CAMHS" },
    { "School", "SCH" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = cg_export_agency_code (cases[i].name);
      g_assert_cmpstr (code, ==, cases[i].code);
    }
}

/* ----------------------------------------------------------------- model */

typedef struct
{
  char    *dir;
  CgStore *store;
} Fixture;

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
import (Fixture    *fx,
        const char *name,
        const char *agency)
{
  g_autofree char *path = g_build_filename (fx->dir, name, NULL);
  g_autoptr(CgImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_import_file (fx->store, path, agency, &result, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgReview) review = cg_review_new ("Review of Lily Brennan");
  g_autoptr(CgFamily) f = family ();
  g_autofree char *path = NULL;

  fx->dir = g_dir_make_tmp ("cg-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "case.chronogram", NULL);
  review->subject = g_strdup ("Child A");
  review->scope_from = cg_date_from_iso ("2021-01-01");
  review->scope_to = cg_date_from_iso ("2022-01-31");
  review->incident = cg_date_from_iso ("2022-01-20");
  review->retrospective_days = 2;
  fx->store = cg_store_create (path, review, &error);
  g_assert_no_error (error);

  write_file (fx->dir, "police.csv",
              "Date,Details,Action,Officer\n"
              "12/03/2021 23:40,Domestic incident. Kayleigh Brennan and Dean Walsh argued.,PPN "
              "to CSC.,PC 4471\n"
              "20/01/2022 18:05,Attended the Emergency Department with Lily Brennan and her "
              "mother.,"
              "Joint investigation.,DS 3318\n"
              "05/07/2021,Dean released on bail.,,DC 2209\n");
  write_file (fx->dir, "ed.csv",
              "Date,Time,Event,Clinician\n"
              "20/01/2022,17:50,ED attendance: Lily (2y) with head injury; mother present.,ED "
              "registrar\n"
              "01/12/2021,09:00,Lily seen for a cough.,ED nurse\n");
  import (fx, "police.csv", "Police");
  import (fx, "ed.csv", "Emergency Department");
  g_assert_true (cg_store_replace_family (fx->store, f, &error));
  g_assert_no_error (error);
  g_assert_true (cg_analysis_run_and_store (fx->store, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GDir) listing = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  g_clear_object (&fx->store);
  while (listing && (name = g_dir_read_name (listing)))
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

static CgExportModel *
model_with (Fixture               *fx,
            const CgExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  CgExportModel *model = cg_export_model_new (fx->store, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static gboolean
model_mentions (CgExportModel *model,
                const char    *word)
{
  for (guint i = 0; i < model->rows->len; i++)
    {
      CgExportRow *row = g_ptr_array_index (model->rows, i);

      for (guint c = 0; c < CG_N_EXPORT_COLUMNS; c++)
        if ((row->cells[c].text && strstr (row->cells[c].text, word))
            || (row->cells[c].lead && strstr (row->cells[c].lead, word)))
          return TRUE;
    }
  return FALSE;
}

static void
test_model_all (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(CgExportModel) model = model_with (fx, NULL);
  gboolean grouped = FALSE;

  g_assert_cmpuint (model->rows->len, ==, 5);
  g_assert_cmpuint (model->display->len, ==, 5);
  g_assert_cmpuint (model->columns->len, ==, 8);
  g_assert_cmpuint (model->agencies->len, ==, 2);
  g_assert_true (model->draft);
  g_assert_cmpstr (model->title, ==, "Review of Lily Brennan");
  g_assert_true (model_mentions (model, "Kayleigh Brennan"));
  /* the same A&E attendance by two agencies: one group, its rows next to each other */
  for (guint i = 0; i + 1 < model->display->len; i++)
    {
      CgExportRow *row = g_ptr_array_index (model->display, i);
      CgExportRow *next = g_ptr_array_index (model->display, i + 1);

      if (row->group && row->group_first)
        {
          g_assert_cmpuint (next->group, ==, row->group);
          g_assert_true (next->group_last);
          grouped = TRUE;
        }
    }
  g_assert_true (grouped);
  g_assert_nonnull (model->genogram);
}

static void
test_model_filters (Fixture       *fx,
                    gconstpointer  data)
{
  CgExportOptions options;
  g_autoptr(GError) error = NULL;
  const char *police[] = { "police", NULL };
  const char *nobody[] = { "Probation", NULL };

  cg_export_options_init (&options);
  options.from = cg_date_from_iso ("2021-06-01");
  options.to = cg_date_from_iso ("2021-12-31");
  {
    g_autoptr(CgExportModel) model = model_with (fx, &options);
    g_assert_cmpuint (model->rows->len, ==, 2);
  }

  cg_export_options_init (&options);
  options.agencies = (GStrv)police;
  {
    g_autoptr(CgExportModel) model = model_with (fx, &options);

    g_assert_cmpuint (model->rows->len, ==, 3);
    for (guint i = 0; i < model->rows->len; i++)
      {
        CgExportRow *row = g_ptr_array_index (model->rows, i);
        g_assert_cmpstr (row->event->agency, ==, "Police");
      }
  }

  options.agencies = (GStrv)nobody;
  g_assert_null (cg_export_model_new (fx->store, &options, &error));
  g_assert_error (error, CG_ERROR, CG_ERROR_INVALID);
  g_clear_error (&error);

  cg_export_options_init (&options);
  options.flagged_only = TRUE;
  {
    g_autoptr(CgExportModel) model = model_with (fx, &options);

    for (guint i = 0; i < model->rows->len; i++)
      {
        CgExportRow *row = g_ptr_array_index (model->rows, i);
        g_assert_nonnull (row->cells[CG_EXPORT_COLUMN_FLAGS].text);
      }
  }

  cg_export_options_init (&options);
  options.columns = (1u << CG_EXPORT_COLUMN_DATE) | (1u << CG_EXPORT_COLUMN_TEXT);
  options.notes = TRUE;
  {
    g_autoptr(CgExportModel) model = model_with (fx, &options);
    g_assert_cmpuint (model->columns->len, ==, 3);
  }
}

static void
assert_genogram_caption (CgExportModel *model,
                         const char    *caption)
{
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *text = NULL;
  g_autofree char *element = g_strdup_printf (">%s</", caption);

  g_assert_nonnull (model->genogram);
  svg = cg_genogram_to_svg (model->genogram);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  /* the title and the caption text, and no fuller date anywhere */
  g_assert_nonnull (strstr (text, element));
  if (strstr (caption, "20 January") == NULL)
    g_assert_null (strstr (text, "20 January 2022"));
}

static void
test_model_dates (Fixture       *fx,
                  gconstpointer  data)
{
  CgExportOptions options;

  cg_export_options_init (&options);
  options.dates = CG_EXPORT_DATES_MONTH;
  {
    g_autoptr(CgExportModel) model = model_with (fx, &options);
    CgExportRow *first = g_ptr_array_index (model->rows, 0);

    g_assert_cmpstr (first->cells[CG_EXPORT_COLUMN_DATE].lead, ==, "March 2021");
    g_assert_cmpuint (first->period.precision, ==, CG_PRECISION_MONTH);
    /* the genogram's own caption too */
    assert_genogram_caption (model, "Genogram as at January 2022");
    g_assert_cmpint (first->period.time, ==, -1);
    /* the time column goes with exact dates */
    for (guint k = 0; k < model->columns->len; k++)
      g_assert_cmpint (g_array_index (model->columns, CgExportColumn, k), !=,
                       CG_EXPORT_COLUMN_TIME);
  }

  options.dates = CG_EXPORT_DATES_AGE;
  {
    g_autoptr(CgExportModel) model = model_with (fx, &options);
    CgExportRow *first = g_ptr_array_index (model->rows, 0);

    g_assert_cmpstr (first->cells[CG_EXPORT_COLUMN_DATE].lead, ==, "1 year 7 months");
    g_assert_cmpstr (model->column_titles[CG_EXPORT_COLUMN_DATE], ==, "Age of Child A");
  }

  options.dates = CG_EXPORT_DATES_YEAR;
  {
    g_autoptr(CgExportModel) model = model_with (fx, &options);
    CgExportRow *first = g_ptr_array_index (model->rows, 0);

    g_assert_cmpstr (first->cells[CG_EXPORT_COLUMN_DATE].lead, ==, "2021");
    assert_genogram_caption (model, "Genogram as at 2022");
  }

  options.dates = CG_EXPORT_DATES_EXACT;
  {
    g_autoptr(CgExportModel) model = model_with (fx, &options);

    assert_genogram_caption (model, "Genogram as at 20 January 2022");
  }
}

typedef struct
{
  CgAnonymiser *names;
  guint         entries;
} ZipCheck;

static gboolean
check_entry (const char  *name,
             GBytes      *data,
             gpointer     user_data,
             GError     **error)
{
  ZipCheck *check = user_data;
  gsize len = 0;
  const char *bytes = g_bytes_get_data (data, &len);
  g_autofree char *leak = cg_anonymiser_find_leak (check->names, bytes, len);

  g_assert_null (leak);
  check->entries++;
  return TRUE;
}

static void
test_model_anonymised (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(CgAnonymiser) names = anonymiser ();
  g_autoptr(GError) error = NULL;
  CgExportOptions options;

  cg_export_options_init (&options);
  options.anonymise = TRUE;
  {
    g_autoptr(CgExportModel) model = model_with (fx, &options);

    g_assert_cmpstr (model->title, ==, "Review of Child A");
    g_assert_false (model_mentions (model, "Lily"));
    g_assert_false (model_mentions (model, "Kayleigh"));
    g_assert_false (model_mentions (model, "4471"));
    g_assert_true (model_mentions (model, "Mother and Partner 1 argued"));
    g_assert_true (model_mentions (model, "PC 1"));

    for (CgExportFormat format = 0; format < CG_N_EXPORT_FORMATS; format++)
      {
        g_autoptr(GBytes) bytes = cg_export_model_render (model, format, &error);
        gsize len = 0;
        const char *text;

        g_assert_no_error (error);
        g_assert_nonnull (bytes);
        text = g_bytes_get_data (bytes, &len);
        if (format == CG_EXPORT_DOCX || format == CG_EXPORT_ODT)
          {
            ZipCheck check = { names, 0 };

            g_assert_true (cg_zip_foreach_entry (bytes, check_entry, &check, &error));
            g_assert_no_error (error);
            g_assert_cmpuint (check.entries, >=, 5);
          }
        else if (format != CG_EXPORT_PDF)
          {
            g_autofree char *leak = cg_anonymiser_find_leak (names, text, len);
            g_assert_null (leak);
          }
        if (format == CG_EXPORT_JSON)
          {
            g_assert_nonnull (g_strstr_len (text, len, "\"name\" : \"Child A\""));
            g_assert_nonnull (g_strstr_len (text, len, "\"born\" : \"2019\""));
          }
      }
  }
}

static void
test_model_write (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = g_build_filename (fx->dir, "appendix.docx", NULL);
  g_autofree char *named = g_build_filename (fx->dir, "lily-appendix.docx", NULL);
  CgExportOptions options;
  GStatBuf st;

  cg_export_options_init (&options);
  options.anonymise = TRUE;
  {
    g_autoptr(CgExportModel) model = model_with (fx, &options);

    g_assert_true (cg_export_model_write (model, CG_EXPORT_DOCX, good, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (good, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);

    /* a real name in the file's own name: nothing is left on the disk */
    g_assert_false (cg_export_model_write (model, CG_EXPORT_DOCX, named, &error));
    g_assert_error (error, CG_ERROR, CG_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "lily-appendix.docx"));
    g_assert_false (g_file_test (named, G_FILE_TEST_EXISTS));
  }
}

static void
test_model_key_events (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "case.chronogram", NULL);
  g_autofree char *identity = NULL;
  g_autofree char *sql = NULL;
  CgExportOptions options;
  sqlite3 *db = NULL;

  {
    g_autoptr(CgExportModel) all = model_with (fx, NULL);
    CgExportRow *row = g_ptr_array_index (all->rows, 1);

    identity = g_strdup_printf ("%s|%s", row->event->agency, row->event->content_hash);
  }
  /* The key events are marked in the GUI; here, straight into the case file. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sql = sqlite3_mprintf ("INSERT INTO key_event (record_key, note) VALUES (%Q, %Q)", identity,
                         "Seen by Kayleigh's GP first");
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (g_steal_pointer (&sql));
  sqlite3_close (db);

  cg_export_options_init (&options);
  options.key_only = TRUE;
  options.notes = TRUE;
  options.anonymise = TRUE;
  {
    g_autoptr(CgExportModel) model = model_with (fx, &options);
    CgExportRow *row;

    g_assert_cmpuint (model->rows->len, ==, 1);
    row = g_ptr_array_index (model->rows, 0);
    g_assert_true (row->key);
    g_assert_nonnull (strstr (row->cells[CG_EXPORT_COLUMN_FLAGS].text, "Key event"));
    g_assert_cmpstr (row->cells[CG_EXPORT_COLUMN_NOTES].text, ==, "Seen by Mother's GP first");
    g_assert_cmpuint (model->columns->len, ==, 9);
  }
}

static void
test_glossary_store (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(CgGlossary) glossary = cg_glossary_new ();
  g_autoptr(CgGlossary) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (fx->dir, "glossary.csv", NULL);
  g_autofree char *bad = g_build_filename (fx->dir, "bad.csv", NULL);
  CgGlossaryEntry *entry;

  /* read from CSV: a byte-order mark, any column order, empty placeholders */
  write_file (fx->dir, "glossary.csv",
              "\xEF\xBB\xBFkind,term,variants,placeholder\n"
              "school,Oakfield Primary School,Oakfield Primary;Oakfield,\n"
              "address,12 Acacia Avenue,,The family home\n");
  g_assert_true (cg_glossary_read_csv (glossary, csv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (glossary->entries->len, ==, 2);
  entry = g_ptr_array_index (glossary->entries, 0);
  g_assert_cmpstr (entry->placeholder, ==, "School 1");
  g_assert_cmpuint (g_strv_length (entry->variants), ==, 2);
  entry = g_ptr_array_index (glossary->entries, 1);
  g_assert_cmpstr (entry->placeholder, ==, "The family home");
  g_assert_cmpint (entry->kind, ==, CG_GLOSSARY_ADDRESS);

  write_file (fx->dir, "bad.csv", "term,kind\nOakfield,college\n");
  g_assert_false (cg_glossary_read_csv (glossary, bad, &error));
  g_assert_error (error, CG_ERROR, CG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.csv:2"));
  g_clear_error (&error);

  /* a case file without the glossary table has an empty glossary; once the
   * table exists, the glossary round-trips */
  if (cg_store_replace_glossary (fx->store, glossary, &error))
    {
      loaded = cg_store_load_glossary (fx->store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (loaded->entries->len, ==, 2);
      entry = g_ptr_array_index (loaded->entries, 0);
      g_assert_cmpstr (entry->term, ==, "Oakfield Primary School");
      g_assert_cmpstr (entry->placeholder, ==, "School 1");
      g_assert_cmpstr (entry->variants[1], ==, "Oakfield");
    }
  else
    {
      g_assert_error (error, CG_ERROR, CG_ERROR_TOO_NEW);
      g_clear_error (&error);
      loaded = cg_store_load_glossary (fx->store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (loaded->entries->len, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/anonymiser/names", test_names);
  g_test_add_func ("/export/anonymiser/accents", test_accents);
  g_test_add_func ("/export/anonymiser/practitioners", test_practitioners);
  g_test_add_func ("/export/anonymiser/glossary", test_glossary);
  g_test_add_func ("/export/scan/nhs-numbers", test_nhs_numbers);
  g_test_add_func ("/export/scan/planted", test_scan);
  g_test_add_func ("/export/scan/quiet", test_scan_quiet);
  g_test_add_func ("/export/scan/leaks", test_leaks);
  g_test_add_func ("/export/dates/in-text", test_dates_in_text);
  g_test_add_func ("/export/dates/ages", test_ages);
  g_test_add_func ("/export/agency-codes", test_agency_codes);
  g_test_add ("/export/model/all", Fixture, NULL, fixture_set_up, test_model_all,
              fixture_tear_down);
  g_test_add ("/export/model/filters", Fixture, NULL, fixture_set_up, test_model_filters,
              fixture_tear_down);
  g_test_add ("/export/model/dates", Fixture, NULL, fixture_set_up, test_model_dates,
              fixture_tear_down);
  g_test_add ("/export/model/anonymised", Fixture, NULL, fixture_set_up, test_model_anonymised,
              fixture_tear_down);
  g_test_add ("/export/model/write", Fixture, NULL, fixture_set_up, test_model_write,
              fixture_tear_down);
  g_test_add ("/export/model/key-events", Fixture, NULL, fixture_set_up, test_model_key_events,
              fixture_tear_down);
  g_test_add ("/export/glossary/store", Fixture, NULL, fixture_set_up, test_glossary_store,
              fixture_tear_down);

  return g_test_run ();
}
