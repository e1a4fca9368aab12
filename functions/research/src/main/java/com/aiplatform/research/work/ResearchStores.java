package com.aiplatform.research.work;

import com.aiplatform.research.steps.StepRepository;
import com.aiplatform.research.tasks.TaskRepository;
import com.aiplatform.shared.blob.BlobStore;

/** What the research app owns: task rows, step rows and its blob container (evidence, reports, spilled messages). */
public record ResearchStores(TaskRepository tasks, StepRepository steps, BlobStore blobs, String container) {
}
