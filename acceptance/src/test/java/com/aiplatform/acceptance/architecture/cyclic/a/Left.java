package com.aiplatform.acceptance.architecture.cyclic.a;

import com.aiplatform.acceptance.architecture.cyclic.b.Right;

/** Half of a deliberate package cycle that {@code ArchitectureTest} must report. */
public final class Left {

    public Right right() {
        return new Right();
    }
}
