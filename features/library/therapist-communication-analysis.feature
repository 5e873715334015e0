Feature: Nice of you to turn up: replaying Sunday's row (therapist-communication-analysis)
  A trainee opens session seven with Mei, takes one row with her wife Jo apart line by line,
  and rehearses a new line twice: once with an easy Jo, once with the Jo who says 'here we go'.

  Scenario: The IPT opening, the exact words, 'lonely', and a rehearsal against the feared reply
    Given the scenario "therapist-communication-analysis"
    When I choose "how-been"
    Then the practice is rated good
    And the tone feedback says "The IPT opening"
    When I choose "walk-me-through"
    Then Mei's charge is 3
    And the tone feedback says "That is where communication analysis starts."
    When I play "how-did-you-say-it, what-did-you-mean, lodger-lonely"
    Then the charge is rated good
    And the charge feedback says "this is sadness finally being felt, not a fight starting"
    When I choose "stay-quiet"
    Then the timing is rated good
    And the timing feedback says "she goes on to the next step herself"
    When I choose "what-else"
    Then "use-lonely" is offered
    When I play "use-lonely, how-did-that-feel"
    Then I am at "felt"
    When I choose "play-hard-jo"
    Then the flag "stress_tested" is set
    And the charge is rated good
    And the charge feedback says "that is the stress test doing its job"
    When I choose "what-helped"
    Then the session ends in "rehearsed"
    And the objective "meant-heard" is met
    And the objective "rehearse" is met
    And the overall score is 100

  Scenario: An open agenda, a verdict on her line, then defending the verdict
    Given the scenario "therapist-communication-analysis"
    When I choose "what-today"
    Then the tone is rated mixed
    And the practice is rated poor
    And the practice feedback says "it loses the IPT opening"
    When I play "walk-me-through, that-was-sarcastic"
    Then the tone is rated poor
    And the practice is rated poor
    And the practice feedback says "A judgement is not communication analysis"
    And the tone feedback says "Judging the client's line shuts the analysis down."
    And Mei's charge is 6
    When I choose "justify"
    Then Mei's charge is 8
    And the charge feedback says "Mei is flooded"
    And the timing feedback says "that was the moment to repair"
    And the practice feedback says "You assume your helpful intent came across"
    And the session ends in "flooded"
    And the objective "meant-heard" is not met

  Scenario: A verdict taken back, a detour into testing her thoughts, and still a full rehearsal
    Given the scenario "therapist-communication-analysis"
    When I play "how-been, walk-me-through, how-did-you-say-it, so-you-started-it"
    Then the tone is rated poor
    And the flag "judging" is set
    When I choose "repair"
    Then the flag "judging" is not set
    And I am at "what-meant"
    When I play "how-did-it-land, evidence"
    Then the practice is rated poor
    And the practice feedback says "Testing the thought is cognitive therapy."
    And I am at "evidence"
    When I play "not-the-point, try-it, how-did-that-feel, play-hard-jo, what-helped"
    Then the session ends in "rehearsed"

  Scenario: Only the easy Jo is rehearsed
    Given the scenario "therapist-communication-analysis"
    When I play "how-been, walk-me-through, how-did-you-say-it, what-did-you-mean, lodger-lonely, stay-quiet, what-else, use-lonely"
    And I choose "as-jo-soft"
    Then the tone feedback says "this Jo is the easy one; she is afraid of the other"
    And I am at "easy-yes"
    When I choose "hold-that"
    Then the practice is rated poor
    And the flag "stress_tested" is not set
    And the session ends in "insight-no-practice"
    And the objective "rehearse" is not met

  Scenario: A sigh under 'it makes sense', alternatives before the meaning, and a critique of her take
    Given the scenario "therapist-communication-analysis"
    When I play "how-been, walk-me-through, mixed-makes-sense"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "folded arms and a sigh say 'here we go' (exactly what Jo said)"
    When I choose "rushed-alt"
    Then the timing is rated poor
    And the timing feedback says "otherwise the new line has nothing to stand on"
    And "use-lonely" is not offered
    When I play "try-it, critique"
    Then the timing feedback says "turns a brave moment into a test"
    And the session ends in "insight-no-practice"

  Scenario: Silence after a judgement closes the conversation
    Given the scenario "therapist-communication-analysis"
    When I play "how-been, walk-me-through, that-was-sarcastic, wait-it-out"
    Then the timing is rated poor
    And the timing feedback says "the silence closes the conversation instead of opening it"
    And the practice feedback says "Quiet helps after a feeling, not after a judgement"
    And the session ends in "nothing-changed"

  Scenario: The right words with the wrong face, and tissues pushed across
    Given the scenario "therapist-communication-analysis"
    When I play "how-been, walk-me-through, how-did-you-say-it"
    And I choose "what-did-you-mean" in a critical tone
    Then the tone is rated poor
    And the practice is rated good
    When I choose "lodger-lonely"
    And I choose "stay-quiet" in a calm tone with offer_tissues
    Then the nonverbal is rated mixed
    And the nonverbal feedback says "leave them within reach and let the tears be"

  Scenario: A general question, then reassurance
    Given the scenario "therapist-communication-analysis"
    When I play "how-been, vague-general"
    Then the tone is rated mixed
    And the tone feedback says "General questions get general answers."
    When I choose "reassure"
    Then the timing is rated poor
    And the session ends in "nothing-changed"

  Scenario: From 'angry is easier' to her childhood, and staying there
    Given the scenario "therapist-communication-analysis"
    When I play "how-been, walk-me-through, how-did-you-say-it, what-did-you-mean, lodger-lonely, why-angry"
    Then the timing feedback says "Moving to her childhood takes her out of it"
    And the practice feedback says "IPT stays with current relationships."
    And I am at "childhood"
    When I choose "keep-digging"
    Then the session ends in "nothing-changed"
