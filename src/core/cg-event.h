/* cg-event.h: one record of one agency's chronology, as imported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cg-date.h"

G_BEGIN_DECLS

#define CG_TYPE_EVENT (cg_event_get_type ())

G_DECLARE_FINAL_TYPE (CgEvent, cg_event, CG, EVENT, GObject)

typedef enum
{
  CG_RECORDING_UNKNOWN,
  CG_RECORDING_CONTEMPORANEOUS,
  CG_RECORDING_RETROSPECTIVE,
} CgRecording;

/* The fields are public to the core and the views so that sorting and analysis
 * over 100,000 records need no accessor calls. Everything read from the file
 * is immutable once the event is built; the analysis fields are filled by
 * cg-analysis.c. */
struct _CgEvent
{
  GObject      parent_instance;

  /* From the case file */
  gint64       id;            /* record id in the case file: "e<id>" in exports */
  gint64       file_id;
  char        *agency;
  char        *file_name;     /* base name of the agency file */
  guint        row;           /* spreadsheet row number */
  CgPeriod     date;
  char        *date_text;     /* the date cell as written */
  guint32      recorded;      /* day the record was written, 0 unknown */
  char        *recorded_text;
  char        *type;
  char        *source;
  char        *text;
  char        *action;
  char        *practitioner;
  char        *comment;
  int          child_seen;    /* -1 not stated, 0 not seen, 1 seen */
  char        *fields_json;   /* the original cells, ["<cell>", ...] in file order, named
                               by @headers; null for a cell the event keeps as it
                               is (cg_event_get_kept_cell()). Case files written
                               before 0.2 hold {"<original header>": "<cell>", ...} */
  GPtrArray   *headers;       /* char*: the file's headers, shared by its events */
  GArray      *kinds;         /* CgFieldKind of each column, shared like @headers */
  char        *content_hash;  /* identifies the record across re-imports */

  /* From the analysis */
  CgRecording  recording;
  int          lag_days;      /* recorded - date.end, or G_MININT when unknown */
  gboolean     after_incident;
  gint64       cluster_id;    /* 0 when in no cluster */
  guint        n_flags;       /* open discrepancies naming this record */
  gboolean     key_event;     /* the author marked it a key event */
  int          child_seen_said; /* the column, else the text: 1, 0, -1; -2 not worked out */
  char        *author_note;   /* the author's note on the record, or NULL */
  GPtrArray   *people;        /* char* person keys mentioned, or NULL */
};

CgEvent    *cg_event_new                (void);
char       *cg_event_dup_key            (CgEvent    *self);
const char *cg_event_get_summary        (CgEvent    *self);
GPtrArray  *cg_event_dup_fields         (CgEvent    *self);
const char *cg_event_get_kept_cell      (CgEvent    *self,
                                         guint       kind);
gboolean    cg_event_keeps_cell         (guint       kind);
int         cg_event_compare_by_date    (CgEvent    *a,
                                         CgEvent    *b);

/* A header and its cell, in the order of the agency's file. */
typedef struct
{
  char *header;
  char *cell;
} CgField;

void        cg_field_free               (CgField    *field);

G_END_DECLS
