/* test-analysis.c: one test per rule of the integrated chronology, with hard negatives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cg-analysis.h"
#include "cg-import.h"

static gint64 next_id = 1;

/* A record as an agency wrote it. @when is "dd/mm/yyyy"; @time "HH:MM" or NULL. */
static CgEvent *
record (const char *agency,
        const char *when,
        const char *time,
        const char *type,
        const char *text)
{
  CgEvent *e = cg_event_new ();
  g_autofree char *lower = g_ascii_strdown (agency, -1);

  e->id = next_id++;
  e->file_id = g_str_hash (agency);
  e->agency = g_strdup (agency);
  e->file_name = g_strdup_printf ("%s.csv", lower);
  e->row = (guint)e->id + 1;
  g_assert_cmpint (cg_date_parse (when, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, &e->date, NULL),
                   ==, CG_DATE_OK);
  e->date_text = g_strdup (when);
  if (time)
    g_assert_true (cg_time_parse (time, &e->date.time));
  e->type = g_strdup (type);
  e->text = g_strdup (text);
  e->content_hash = g_compute_checksum_for_string (G_CHECKSUM_MD5, text, -1);
  return e;
}

static void
recorded_on (CgEvent    *e,
             const char *when)
{
  CgPeriod p;

  g_assert_cmpint (cg_date_parse (when, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, &p, NULL),
                   ==, CG_DATE_OK);
  e->recorded = p.start;
}

static CgReview *
review (void)
{
  CgReview *r = cg_review_new ("Rules");

  r->subject = g_strdup ("Child A");
  r->scope_from = cg_date_from_iso ("2020-06-01");
  r->scope_to = cg_date_from_iso ("2022-01-31");
  r->incident = cg_date_from_iso ("2022-01-20");
  return r;
}

static CgFamily *
family (void)
{
  CgFamily *f = cg_family_new ();
  static const struct { const char *key, *name, *alias, *label; gboolean subject; } people[] = {
    { "p1", "Kayleigh Brennan", "Kayleigh", "Mother", FALSE },
    { "p2", "Lily Brennan", "Lily", "Child A", TRUE },
    { "p3", "Mason Brennan", "Mason", "Sibling B", FALSE },
    { "p5", "Dean Walsh", "Dean", "Partner 1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      CgPerson *p = g_new0 (CgPerson, 1);
      const char *aliases[] = { people[i].alias, NULL };

      p->key = g_strdup (people[i].key);
      p->name = g_strdup (people[i].name);
      p->aliases = g_strdupv ((char **)aliases);
      p->label = g_strdup (people[i].label);
      p->subject = people[i].subject;
      g_ptr_array_add (f->people, p);
    }
  return f;
}

static CgAnalysis *
analyse (CgEvent *first,
         ...)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (CgEvent *e = first; e != NULL; e = va_arg (args, CgEvent *))
    g_ptr_array_add (events, e);
  va_end (args);
  return cg_analysis_run (review (), events, family ());
}

static gboolean
together (CgAnalysis *a,
          CgEvent    *x,
          CgEvent    *y)
{
  return x->cluster_id != 0 && x->cluster_id == y->cluster_id;
}

static guint
count_kind (CgAnalysis        *a,
            CgDiscrepancyKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < a->discrepancies->len; i++)
    if (((CgDiscrepancy *)g_ptr_array_index (a->discrepancies, i))->kind == kind)
      n++;
  return n;
}

static CgDiscrepancy *
first_of_kind (CgAnalysis        *a,
               CgDiscrepancyKind  kind)
{
  for (guint i = 0; i < a->discrepancies->len; i++)
    if (((CgDiscrepancy *)g_ptr_array_index (a->discrepancies, i))->kind == kind)
      return g_ptr_array_index (a->discrepancies, i);
  return NULL;
}

/* ------------------------------------------------------------- recording */

static void
test_recording (void)
{
  g_autoptr(CgReview) r = review ();
  g_autoptr(CgEvent) same_day = record ("GP", "02/03/2021", NULL, "Face to face", "Seen for cough.");
  g_autoptr(CgEvent) two_days = record ("HV", "02/03/2021", NULL, "Visit", "Home visit.");
  g_autoptr(CgEvent) three_days = record ("HV", "02/03/2021", NULL, "Visit", "Home visit, later.");
  g_autoptr(CgEvent) no_date = record ("Police", "02/03/2021", NULL, "Occurrence", "Call.");
  g_autoptr(CgEvent) statement = record ("Police", "19/01/2022", NULL,
                                         "Witness statement (taken after the incident)",
                                         "Neighbour heard shouting.");
  g_autoptr(CgEvent) written_up = record ("CSC", "10/05/2021", NULL, "Visit",
                                          "Visit notes written up from memory.");
  g_autoptr(CgEvent) interview = record ("CSC", "10/05/2021", NULL, "Assessment",
                                         "Planned assessment interview with mother at the office.");
  g_autoptr(CgEvent) after = record ("School", "18/01/2022", NULL, "Concern", "Disclosure.");

  recorded_on (same_day, "02/03/2021");
  recorded_on (two_days, "04/03/2021");
  recorded_on (three_days, "05/03/2021");
  recorded_on (interview, "10/05/2021");
  recorded_on (after, "25/01/2022");

  cg_recording_classify (same_day, r);
  g_assert_cmpint (same_day->recording, ==, CG_RECORDING_CONTEMPORANEOUS);
  g_assert_cmpint (same_day->lag_days, ==, 0);
  cg_recording_classify (two_days, r);
  g_assert_cmpint (two_days->recording, ==, CG_RECORDING_CONTEMPORANEOUS);
  cg_recording_classify (three_days, r);
  g_assert_cmpint (three_days->recording, ==, CG_RECORDING_RETROSPECTIVE);
  g_assert_cmpint (three_days->lag_days, ==, 3);
  cg_recording_classify (no_date, r);
  g_assert_cmpint (no_date->recording, ==, CG_RECORDING_UNKNOWN);
  g_assert_cmpint (no_date->lag_days, ==, G_MININT);
  cg_recording_classify (statement, r);
  g_assert_cmpint (statement->recording, ==, CG_RECORDING_RETROSPECTIVE);
  cg_recording_classify (written_up, r);
  g_assert_cmpint (written_up->recording, ==, CG_RECORDING_RETROSPECTIVE);
  cg_recording_classify (interview, r);
  g_assert_cmpint (interview->recording, ==, CG_RECORDING_CONTEMPORANEOUS);
  cg_recording_classify (after, r);
  g_assert_cmpint (after->recording, ==, CG_RECORDING_RETROSPECTIVE);
  g_assert_true (after->after_incident);
  g_assert_false (same_day->after_incident);

  /* A per-review limit. */
  r->retrospective_days = 5;
  cg_recording_classify (three_days, r);
  g_assert_cmpint (three_days->recording, ==, CG_RECORDING_CONTEMPORANEOUS);
}

/* ------------------------------------------------------------- clusters */

static void
test_same_occurrence (void)
{
  CgEvent *ambulance = record ("Ambulance Service", "20/01/2022", NULL, NULL,
                               "999 call 17:20: 2 year old with head injury after fall from sofa. "
                               "Conveyed to the Emergency Department with mother.");
  CgEvent *ed = record ("Emergency Department", "20/01/2022", "17:50", NULL,
                        "ED attendance: Lily Brennan (2y), head injury, arrived by ambulance with mother.");
  CgEvent *police = record ("Police", "20/01/2022", "18:05", "Niche occurrence",
                            "Attended the Emergency Department with the ambulance crew regarding "
                            "Lily Brennan with a head injury.");
  CgEvent *strategy_csc = record ("Children's Social Care", "20/01/2022", NULL, "Strategy discussion",
                                  "Strategy discussion following head injury to Lily. Section 47 "
                                  "enquiry to be undertaken jointly with police.");
  CgEvent *strategy_police = record ("Police", "21/01/2022", "10:00", "Strategy discussion",
                                     "Strategy discussion with Children's Social Care and the "
                                     "consultant paediatrician. Section 47 enquiry agreed.");
  CgEvent *referral_sent = record ("Emergency Department", "20/01/2022", "22:30", NULL,
                                   "Skeletal survey requested; referral by consultant paediatrician "
                                   "to Children's Social Care.");
  CgEvent *referral_received = record ("Children's Social Care", "20/01/2022", NULL, "Contact",
                                       "Referral from the hospital paediatrician: head injury, "
                                       "explanation inconsistent. Skeletal survey requested.");
  g_autoptr(CgAnalysis) a = analyse (ambulance, ed, police, strategy_csc, strategy_police,
                                     referral_sent, referral_received, NULL);

  g_assert_true (together (a, ambulance, ed));
  g_assert_true (together (a, ed, police));
  g_assert_true (together (a, strategy_csc, strategy_police));
  g_assert_true (together (a, referral_sent, referral_received));
  /* the strategy discussion is not the attendance; one agency's two ED records stay apart */
  g_assert_false (together (a, strategy_csc, police));
  g_assert_false (together (a, ed, referral_sent));
  /* a day apart in one cluster: the dates disagree */
  g_assert_cmpuint (count_kind (a, CG_DISCREPANCY_DATE_CONFLICT), ==, 1);
  g_assert_cmpuint (first_of_kind (a, CG_DISCREPANCY_DATE_CONFLICT)->events->len, ==, 2);
}

static void
test_hard_negatives (void)
{
  /* An incident and the notification received days later. */
  CgEvent *incident = record ("Police", "03/07/2021", "02:15", "Niche occurrence",
                              "Domestic incident. Dean Walsh arrested. PPN to Children's Social Care.");
  CgEvent *ppn = record ("Children's Social Care", "05/07/2021", NULL, "Referral",
                         "PPN received from police: domestic incident 03/07/2021, Dean Walsh arrested.");
  /* Same day, same names, different occurrences. */
  CgEvent *custody = record ("Police", "05/07/2021", NULL, "Custody record",
                             "Dean Walsh released under investigation with conditions.");
  /* Two different visits by one agency on one day. */
  CgEvent *visit_am = record ("Health Visiting", "12/08/2021", "09:30", "Home visit",
                              "Home visit to Lily, weighed and measured.");
  CgEvent *visit_pm = record ("Health Visiting", "12/08/2021", "15:00", "Home visit",
                              "Home visit to Lily, follow-up on feeding.");
  /* A GP appointment and an unrelated phone call the same day. */
  CgEvent *gp = record ("GP Practice", "29/07/2021", "15:00", "Telephone",
                        "Lily: cough for 3 days, advice given.");
  CgEvent *hv_call = record ("Health Visiting", "29/07/2021", "10:00", "Phone call",
                             "Phone call with mother about nursery place.");
  /* Two agencies' own home visits on one day: not one visit unless joint. */
  CgEvent *sw_visit = record ("Children's Social Care", "12/08/2021", NULL, "Home visit",
                              "Home visit. Lily seen, home conditions adequate.");
  /* A copy re-exported with other spacing and capitals is a duplicate. */
  CgEvent *copy = record ("Health Visiting", "12/08/2021", "09:30", "Home visit",
                          "home visit to Lily,  weighed and measured");
  g_autoptr(CgAnalysis) a = analyse (incident, ppn, custody, visit_am, visit_pm, gp, hv_call,
                                     sw_visit, copy, NULL);

  g_assert_false (together (a, incident, ppn));
  g_assert_false (together (a, ppn, custody));
  g_assert_false (together (a, visit_am, visit_pm));
  g_assert_false (together (a, gp, hv_call));
  g_assert_false (together (a, sw_visit, visit_am));
  g_assert_false (together (a, sw_visit, visit_pm));
  g_assert_cmpuint (a->clusters->len, ==, 1);
  g_assert_cmpint (((CgCluster *)g_ptr_array_index (a->clusters, 0))->kind, ==,
                   CG_CLUSTER_DUPLICATE_RECORD);
  g_assert_true (together (a, visit_am, copy));
}

static void
test_duplicates (void)
{
  CgEvent *one = record ("GP Practice", "21/06/2021", "11:20", "Face to face",
                         "Kayleigh attends with low mood and anxiety.");
  CgEvent *two = record ("GP Practice", "21/06/2021", "11:20", "Face to face",
                         "Kayleigh attends with low mood and anxiety.");
  CgEvent *other = record ("GP Practice", "21/06/2021", "11:40", "Face to face",
                           "Mason: ear infection, antibiotics prescribed.");
  g_autoptr(CgAnalysis) a = analyse (one, two, other, NULL);
  CgCluster *cluster;

  g_assert_cmpuint (a->clusters->len, ==, 1);
  cluster = g_ptr_array_index (a->clusters, 0);
  g_assert_cmpint (cluster->kind, ==, CG_CLUSTER_DUPLICATE_RECORD);
  g_assert_cmpuint (cluster->events->len, ==, 2);
  g_assert_true (together (a, one, two));
  g_assert_false (together (a, one, other));
}

/* ---------------------------------------------------------- discrepancies */

static void
test_conflicts (void)
{
  CgEvent *csc = record ("Children's Social Care", "10/08/2021", NULL, "Joint home visit",
                         "Joint home visit with the health visitor. Lily seen and spoken to, "
                         "appeared well. Mason seen.");
  CgEvent *hv = record ("Health Visiting", "10/08/2021", NULL, NULL,
                        "Joint home visit with social worker. Lily not seen – asleep upstairs, "
                        "mother declined to wake her. Mason seen.");
  CgEvent *police = record ("Police", "03/07/2021", "02:15", "Niche occurrence",
                            "Domestic incident at the address. Kayleigh has a cut lip and states "
                            "Dean punched her. Officers took her to the Emergency Department.");
  CgEvent *ed = record ("Emergency Department", "03/07/2021", "03:30", NULL,
                        "ED attendance, brought by police after a domestic incident: Kayleigh "
                        "Brennan, laceration to lip, states she fell against a door.");
  g_autoptr(CgAnalysis) a = analyse (csc, hv, police, ed, NULL);
  gboolean seen_conflict = FALSE, explanation_conflict = FALSE;

  g_assert_true (together (a, csc, hv));
  g_assert_true (together (a, police, ed));
  for (guint i = 0; i < a->discrepancies->len; i++)
    {
      CgDiscrepancy *d = g_ptr_array_index (a->discrepancies, i);

      if (d->kind != CG_DISCREPANCY_FACT_CONFLICT)
        continue;
      if (g_ptr_array_find (d->events, csc, NULL) && g_ptr_array_find (d->events, hv, NULL))
        seen_conflict = TRUE;
      if (g_ptr_array_find (d->events, police, NULL) && g_ptr_array_find (d->events, ed, NULL))
        explanation_conflict = TRUE;
      g_assert_nonnull (d->summary);
    }
  g_assert_true (seen_conflict);
  g_assert_true (explanation_conflict);
  g_assert_cmpuint (count_kind (a, CG_DISCREPANCY_TIME_CONFLICT), ==, 1);

  /* The summary counts what each agency said about seeing the child. */
  {
    g_autoptr(CgSummary) summary = cg_analysis_summarise (a);

    g_assert_cmpuint (summary->records, ==, 4);
    g_assert_cmpuint (summary->clusters, ==, 2);
    g_assert_cmpuint (summary->agencies->len, ==, 4);
    g_assert_cmpuint (summary->open_by_kind[CG_DISCREPANCY_FACT_CONFLICT], ==, 2);
    for (guint i = 0; i < summary->agencies->len; i++)
      {
        CgAgencySummary *agency = g_ptr_array_index (summary->agencies, i);

        g_assert_cmpuint (agency->clustered, ==, 1);
        if (g_str_equal (agency->agency, "Children's Social Care"))
          g_assert_cmpuint (agency->child_seen, ==, 1);
        if (g_str_equal (agency->agency, "Health Visiting"))
          g_assert_cmpuint (agency->child_not_seen, ==, 1);
      }
    g_assert_cmpint (cg_analysis_child_seen (a, hv), ==, 0);
    g_assert_cmpint (cg_analysis_child_seen (a, csc), ==, 1);
  }
}

static void
test_missing_counterpart (void)
{
  CgEvent *shared = record ("Children's Social Care", "15/03/2021", NULL, "Contact",
                            "PPN received from police regarding domestic incident on 12/03/2021. "
                            "Decision: no further action; information shared with the health visitor.");
  CgEvent *ppn = record ("Police", "12/03/2021", "23:40", "Niche occurrence",
                         "Domestic incident. PPN submitted to Children's Social Care.");
  CgEvent *school = record ("School", "18/01/2022", NULL, NULL,
                            "Disclosure logged by DSL; referral made to Children's Social Care.");
  CgEvent *unrelated = record ("Children's Social Care", "20/01/2022", NULL, "Contact",
                               "Referral from the hospital paediatrician.");
  CgEvent *none = record ("Police", "22/09/2021", "19:10", "Niche occurrence",
                          "Neighbour reports shouting. Words of advice. No PPN submitted to "
                          "Children's Social Care.");
  CgEvent *hv_other = record ("Health Visiting", "14/07/2021", NULL, "Clinic",
                              "Planned 2 year review, not brought.");
  g_autoptr(CgAnalysis) a = analyse (shared, ppn, school, unrelated, none, hv_other, NULL);
  g_autoptr(GPtrArray) flagged = g_ptr_array_new ();

  for (guint i = 0; i < a->discrepancies->len; i++)
    {
      CgDiscrepancy *d = g_ptr_array_index (a->discrepancies, i);

      if (d->kind == CG_DISCREPANCY_MISSING_COUNTERPART)
        {
          g_assert_cmpuint (d->events->len, ==, 1);
          g_ptr_array_add (flagged, g_ptr_array_index (d->events, 0));
        }
    }
  /* the health visitor never recorded the information; the school's referral is not
   * the hospital's; the police PPN was received; "No PPN" is no hand-over */
  g_assert_true (g_ptr_array_find (flagged, shared, NULL));
  g_assert_true (g_ptr_array_find (flagged, school, NULL));
  g_assert_false (g_ptr_array_find (flagged, ppn, NULL));
  g_assert_false (g_ptr_array_find (flagged, none, NULL));
}

static void
test_sequence_scope_silence (void)
{
  CgEvent *a1 = record ("GP Practice", "02/03/2019", NULL, NULL, "Booking.");
  CgEvent *a2 = record ("GP Practice", "29/07/2021", NULL, NULL, "Cough.");
  CgEvent *a3 = record ("GP Practice", "12/07/2021", NULL, NULL, "Letter received.");
  CgEvent *a4 = record ("GP Practice", "24/01/2022", NULL, NULL, "Notification.");
  CgEvent *a5 = record ("GP Practice", "03/03/2022", NULL, NULL, "After the scope.");
  g_autoptr(CgReview) r = review ();
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CgAnalysis) a = NULL;
  CgDiscrepancy *d;

  g_ptr_array_add (events, a1);
  g_ptr_array_add (events, a2);
  g_ptr_array_add (events, a3);
  g_ptr_array_add (events, a4);
  g_ptr_array_add (events, a5);
  r->silence_days = 180;
  a = cg_analysis_run (g_steal_pointer (&r), events, family ());

  g_assert_cmpuint (count_kind (a, CG_DISCREPANCY_OUT_OF_SEQUENCE), ==, 1);
  d = first_of_kind (a, CG_DISCREPANCY_OUT_OF_SEQUENCE);
  g_assert_true (g_ptr_array_index (d->events, 0) == a2);
  g_assert_true (g_ptr_array_index (d->events, 1) == a3);
  g_assert_cmpuint (count_kind (a, CG_DISCREPANCY_OUTSIDE_SCOPE), ==, 2);
  /* 2019 to July 2021 is more than 180 days without a record */
  g_assert_cmpuint (count_kind (a, CG_DISCREPANCY_SILENCE), >=, 1);
}

/* ------------------------------------------------- decisions in the case file */

static void
test_decisions_survive (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cg-analysis-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "case.chronogram", NULL);
  g_autofree char *police_csv = g_build_filename (dir, "police.csv", NULL);
  g_autofree char *csc_csv = g_build_filename (dir, "csc.csv", NULL);
  g_autoptr(CgReview) r = review ();
  g_autoptr(CgStore) store = cg_store_create (path, r, &error);
  g_autoptr(CgAnalysis) first = NULL;
  g_autoptr(CgAnalysis) second = NULL;
  g_autoptr(CgAnalysis) third = NULL;
  CgCluster *cluster;
  CgDiscrepancy *flag = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (police_csv,
                                      "Date,Details\n"
                                      "15/07/2021,MARAC meeting: case heard. IDVA support.\n"
                                      "01/05/2019,Old record outside the scope.\n", -1, NULL));
  g_assert_true (g_file_set_contents (csc_csv,
                                      "Date,Details\n"
                                      "15/07/2021,MARAC meeting attended. Case discussed.\n", -1, NULL));
  g_assert_true (cg_import_file (store, police_csv, "Police", NULL, &error));
  g_assert_true (cg_import_file (store, csc_csv, "Children's Social Care", NULL, &error));
  g_assert_true (cg_analysis_run_and_store (store, &error));
  g_assert_no_error (error);

  first = cg_store_load_analysis (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->clusters->len, ==, 1);
  cluster = g_ptr_array_index (first->clusters, 0);
  g_assert_true (cg_store_confirm_cluster (store, cluster, &error));
  for (guint i = 0; i < first->discrepancies->len; i++)
    if (((CgDiscrepancy *)g_ptr_array_index (first->discrepancies, i))->kind == CG_DISCREPANCY_OUTSIDE_SCOPE)
      flag = g_ptr_array_index (first->discrepancies, i);
  g_assert_nonnull (flag);
  g_assert_true (cg_store_set_flag_status (store, flag, CG_FLAG_EXPLAINED,
                                           "Included for background", &error));
  g_assert_true (cg_store_set_key_event (store, g_ptr_array_index (cluster->events, 0), TRUE,
                                         "The MARAC", &error));

  /* Re-analyse, and re-import a corrected police file with one more row. */
  g_assert_true (g_file_set_contents (police_csv,
                                      "Date,Details\n"
                                      "01/05/2019,Old record outside the scope.\n"
                                      "15/07/2021,MARAC meeting: case heard. IDVA support.\n"
                                      "20/07/2021,Follow-up call to victim.\n", -1, NULL));
  g_assert_true (cg_import_file (store, police_csv, "Police", NULL, &error));
  g_assert_true (cg_analysis_run_and_store (store, &error));
  g_assert_no_error (error);
  second = cg_store_load_analysis (store, &error);
  g_assert_cmpuint (second->events->len, ==, 4);
  g_assert_cmpuint (second->clusters->len, ==, 1);
  g_assert_cmpint (((CgCluster *)g_ptr_array_index (second->clusters, 0))->decision, ==,
                   CG_DECISION_CONFIRMED);
  {
    guint keys = 0;

    for (guint i = 0; i < second->events->len; i++)
      {
        CgEvent *e = g_ptr_array_index (second->events, i);
        if (e->key_event)
          {
            keys++;
            g_assert_cmpstr (e->author_note, ==, "The MARAC");
          }
      }
    g_assert_cmpuint (keys, ==, 1);
  }
  for (guint i = 0; i < second->discrepancies->len; i++)
    {
      CgDiscrepancy *d = g_ptr_array_index (second->discrepancies, i);
      if (d->kind == CG_DISCREPANCY_OUTSIDE_SCOPE)
        {
          g_assert_cmpint (d->status, ==, CG_FLAG_EXPLAINED);
          g_assert_cmpstr (d->note, ==, "Included for background");
        }
    }

  /* Take a record out: the cluster stays apart next time. */
  cluster = g_ptr_array_index (second->clusters, 0);
  g_assert_true (cg_store_remove_from_cluster (store, cluster,
                                               g_ptr_array_index (cluster->events, 0), &error));
  g_assert_true (cg_analysis_run_and_store (store, &error));
  third = cg_store_load_analysis (store, &error);
  g_assert_cmpuint (third->clusters->len, ==, 0);

  /* A corrected file that drops a row the decisions named: orphaned, not lost. */
  g_assert_true (g_file_set_contents (police_csv, "Date,Details\n20/07/2021,Follow-up call to victim.\n",
                                      -1, NULL));
  g_assert_true (cg_import_file (store, police_csv, "Police", NULL, &error));
  {
    g_auto(GStrv) orphans = cg_store_dup_orphaned_decisions (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (orphans), >=, 1);
  }
  g_clear_object (&store);
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (listing)))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/recording", test_recording);
  g_test_add_func ("/analysis/same-occurrence", test_same_occurrence);
  g_test_add_func ("/analysis/hard-negatives", test_hard_negatives);
  g_test_add_func ("/analysis/duplicates", test_duplicates);
  g_test_add_func ("/analysis/conflicts", test_conflicts);
  g_test_add_func ("/analysis/missing-counterpart", test_missing_counterpart);
  g_test_add_func ("/analysis/sequence-scope-silence", test_sequence_scope_silence);
  g_test_add_func ("/analysis/decisions-survive", test_decisions_survive);

  return g_test_run ();
}
