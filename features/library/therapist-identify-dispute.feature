Feature: Ten weeks of silence: is this a dispute? (therapist-identify-dispute)
  A trainee helps Femi see the role dispute with his daughter Tolu in session three: the story,
  a risk screen when he asks what he is for, both expectations, the link to his mood, the stage,
  the diagnosis and sick role, and a formulation with a contract.

  Scenario: The story, a silence, a plain risk question followed up, both expectations, the stage, and the contract
    Given the scenario "therapist-identify-dispute"
    When I choose "what-happened"
    Then Femi's charge is 5
    And the nonverbal feedback says "you can hear the anger without flinching"
    When I play "what-christmas-means, sit-with-it"
    Then the timing is rated good
    And the charge is rated good
    And the timing feedback says "a quiet moment says 'take your time' better than any words"
    When I choose "ask-safety"
    Then the practice is rated good
    And the tone is rated good
    And the tone feedback says "Asking in his own words, without hedging"
    And I am at "safety"
    When I play "ask-more, agree-plan"
    Then the flag "safety_plan" is set
    And "her-story" is offered
    When I play "her-story, two-pictures"
    Then the flag "named_both" is set
    And the tone feedback says "two people with different, understandable expectations of the same relationship"
    When I play "when-did-it-start, name-impasse"
    Then the flag "linked_mood" is set
    And the flag "named_stage" is set
    And I am at "what-now"
    When I choose "name-depression"
    Then the tone feedback says "he does not have to choose between her and you"
    When I choose "formulate"
    Then the practice is rated good
    And the session ends in "dispute-named"
    And the objective "risk" is met
    And the objective "close-initial" is met
    And the overall score is 100

  Scenario: Passing over 'What am I even for now?' bars the positive ending
    Given the scenario "therapist-identify-dispute"
    When I play "what-happened, what-christmas-means, sit-with-it, name-his"
    Then the practice is rated mixed
    And the practice feedback says "'What am I even for now?' is a risk cue."
    When I choose "two-pictures"
    Then the flag "risk_asked" is not set
    And "ask-safety-late" is offered
    When I play "when-did-it-start, name-impasse, name-depression, formulate"
    Then the session ends in "half-named"
    And the objective "risk" is not met
    And the critical item "risk_assessment" is missed
    And the practice score is 94
    And the overall score is 49

  Scenario: Cheering him up after he says he would rather not wake up, then going back to it
    Given the scenario "therapist-identify-dispute"
    When I play "what-happened, what-christmas-means, sit-with-it, ask-safety, so-much"
    Then the practice is rated poor
    And the critical item "risk_assessment" is missed
    And the tone is rated mixed
    And the tone feedback says "a warm tone can sound like cheering up"
    And the timing feedback says "Reasons to live, offered by you, tell him to stop"
    And I am at "forget-it"
    When I choose "not-forget"
    Then the critical item "risk_assessment" is not missed
    And I am at "protective"
    When I play "agree-plan, her-story, two-pictures, when-did-it-start, name-impasse, name-depression, formulate"
    Then the session ends in "dispute-named"
    And the critical item "risk_assessment" is not missed
    And the objective "risk" is met
    And the overall score is 94

  Scenario: The same words, said with the pen moving, or with a hedge in the voice
    Given the scenario "therapist-identify-dispute"
    When I play "what-happened, what-christmas-means"
    And I choose "sit-with-it" in a calm tone with note_taking
    Then the nonverbal is rated mixed
    And the nonverbal feedback says "put the pen down for moments like this"
    When I choose "ask-safety" in a tentative tone
    Then the tone is rated mixed
    And the tone feedback says "This needed saying plainly"

  Scenario: Reassurance, a judgement, and defending yourself
    Given the scenario "therapist-identify-dispute"
    When I choose "come-round"
    Then the timing is rated poor
    And the tone is rated mixed
    And the charge feedback says "being told not to worry often lands as being brushed off"
    And Femi's charge is 7
    When I choose "you-overreacted"
    Then Femi's charge is 9
    And the charge feedback says "Femi is flooded"
    And the tone feedback says "a question that carries its own answer ('wasn't it?') is a verdict"
    When I choose "not-what-i-said"
    Then the session ends in "flooded"
    And the practice score is 0
    And the overall score is 13

  Scenario: One apology cannot undo flooding, and he leaves without anyone asking how low he gets
    Given the scenario "therapist-identify-dispute"
    When I play "come-round, you-overreacted, repair"
    Then Femi's charge is 8
    And the charge is rated poor
    And I am at "closing-down-unscreened"
    And "ask-before-go" is offered
    When I choose "let-him-go"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "time is on my mind more than you are"
    And the timing feedback says "with an eye on the clock"
    And the practice is rated poor
    And the practice feedback says "no one has asked him about thoughts of death"
    And the session ends in "stuck"
    And the critical item "risk_assessment" is missed
    And the overall score is 35

  Scenario: Calling the relationship over when it is a stand-off
    Given the scenario "therapist-identify-dispute"
    When I play "what-happened, what-christmas-means, sit-with-it, ask-safety, ask-more, agree-plan, her-story, two-pictures, when-did-it-start, its-over"
    Then the timing is rated poor
    And the practice is rated poor
    And the practice feedback says "both of them waiting by the phone is an impasse, a stand-off"
    And the timing feedback says "it closes the door he came here hoping was still open"
    And the charge feedback says "You told a hurting father his relationship may be over"
    And I am at "closing-down"
    When I choose "reconnect"
    Then the session ends in "half-named"
    And the objective "stage" is not met

  Scenario: A transference interpretation instead of naming the stand-off
    Given the scenario "therapist-identify-dispute"
    When I play "what-happened, what-christmas-means, sit-with-it, ask-safety, ask-more, agree-plan, her-story, two-pictures, when-did-it-start, waiting-for-me"
    Then the practice is rated poor
    And the practice feedback says "A transference interpretation belongs to other therapies."
    And the timing feedback says "Turning it onto the two of you steps away from it"
    And I am at "closing-down"

  Scenario: Leaving the depression unnamed: no sick role, and no positive ending
    Given the scenario "therapist-identify-dispute"
    When I play "what-happened, what-christmas-means, sit-with-it, ask-safety, ask-more, agree-plan, her-story, two-pictures, when-did-it-start, name-impasse, no-labels"
    Then I am at "unlabelled"
    And the practice feedback says "Left unnamed, his mother's verdict stands."
    When I choose "formulate"
    Then the session ends in "half-named"
    And the objective "close-initial" is not met
