package com.aiplatform.knowledge.documents;

/** What an ingest did: created the document, replaced it with a new version, or nothing (same content). */
public record IngestResult(DocumentRecord document, Outcome outcome) {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }
}
