package com.aiplatform.acceptance.architecture.cyclic.b;

import com.aiplatform.acceptance.architecture.cyclic.a.Left;

/** The other half of the deliberate package cycle. */
public final class Right {

    public Left left() {
        return new Left();
    }
}
