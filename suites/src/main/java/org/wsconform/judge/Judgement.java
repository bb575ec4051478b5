package org.wsconform.judge;

/** The two verdicts and Autobahn's result texts for them. */
public record Judgement(Behavior behavior, BehaviorClose behaviorClose, String result, String resultClose) {}
