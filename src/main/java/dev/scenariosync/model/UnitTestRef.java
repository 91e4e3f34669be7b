package dev.scenariosync.model;

/** A simulation unit test that references a scenario (unit tests always run its latest version). */
public record UnitTestRef(String id, String name, String scenarioId) {}
