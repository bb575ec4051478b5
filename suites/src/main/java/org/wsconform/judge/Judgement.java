package org.wsconform.judge;

import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;

/** The two verdicts and Autobahn's result texts for them. */
public record Judgement(
    Behavior behavior, BehaviorClose behaviorClose, String result, String resultClose) {}
