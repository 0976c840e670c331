package org.sgae.autograd;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.sgae.tensor.ops.Op;

/** Marks a gradient-test class with the ops whose derivatives it checks; {@link OpCoverageTest} reads it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CoversOps {
    Op[] value();
}
