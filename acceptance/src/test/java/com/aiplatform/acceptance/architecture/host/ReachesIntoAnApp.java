package com.aiplatform.acceptance.architecture.host;

import com.aiplatform.platform.PlatformAppFactory;

/** A host class that uses an app's class: the host rule must report it. */
final class ReachesIntoAnApp {

    String appName() {
        return new PlatformAppFactory().name();
    }
}
