package com.aiplatform.assistant.files;

/** The file's record after an upload, and whether the upload created it or found it already there. */
public record UploadResult(FileRecord file, boolean created) {
}
