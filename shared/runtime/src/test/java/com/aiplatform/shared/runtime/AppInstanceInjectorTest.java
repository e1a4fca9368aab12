package com.aiplatform.shared.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppInstanceInjectorTest {

    @Test
    void should_refuse_to_guess_when_the_package_holds_no_app_factory() {
        assertThatThrownBy(() -> AppInstanceInjector.factory(getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly one FunctionAppFactory");
    }
}
