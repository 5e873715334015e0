Feature: Thirty-eight years and a watch (therapist-retirement)
  A trainee helps Winston mourn the teaching he retired from, good and bad, asks plainly about
  safety when he says his wife would be better off without him, links his low mood to the lost
  role, and rehearses a first honest sentence to an old colleague.

  Scenario: 'Lucky you' doesn't fit, a silence for the staffroom, a plain question, both sides of the old job, and a real rehearsal
    Given the scenario "therapist-retirement"
    When I choose "lucky-you"
    Then Winston's charge is 4
    And the charge is rated good
    And the tone feedback says "the gap between what people say and what he feels"
    When I choose "stay"
    Then the timing is rated good
    And the charge is rated good
    And the timing feedback says "A silence here is the intervention."
    And the nonverbal feedback says "Sitting back gives a man who hates being seen to cry some room"
    When I choose "ask-better-off"
    Then the practice is rated good
    And the tone is rated good
    And the flag "safety_checked" is set
    And I am at "good-lord"
    When I choose "spare-part"
    Then the flag "linked" is set
    And the tone feedback says "turned his own phrase into a gentle link"
    When I choose "glad-too"
    Then the flag "named_bad" is set
    When I choose "both"
    Then the tone feedback says "Holding the good and the bad together is the heart of mourning an old role."
    When I play "good-tuesday, whats-stopping, rehearse"
    Then I am at "take-one"
    When I choose "as-derek"
    Then the flag "rehearsed" is set
    And the session ends in "new-chapter"
    And the objective "mourn" is met
    And the objective "rehearse" is met
    And the overall score is 100

  Scenario: Cheering him on, a glance at the clock, and advice about the bowls club: polite withdrawal, not flooding
    Given the scenario "therapist-retirement"
    When I choose "cheer"
    Then the tone is rated mixed
    And the timing is rated poor
    And the tone feedback says "it adds your voice to the chorus"
    When I choose "clock-glance"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "He will believe the glance over the words."
    When I choose "three-weeks"
    Then the practice is rated poor
    And Winston's charge is 0
    And the charge is rated poor
    And the charge feedback says "not calm, but closing down"
    And the session ends in "polite-goodbye"

  Scenario: Last week's step asked first, tissues pushed across as he cries, and a timetable
    Given the scenario "therapist-retirement"
    When I choose "homework"
    Then the practice is rated poor
    And the practice feedback says "Session opening: attempted, misapplied."
    And the practice feedback says "the problem is the order"
    And the timing is rated poor
    And the timing feedback says "He had just said he nearly cancelled."
    When I play "before, miss-most, cheer-up"
    Then the nonverbal is rated mixed
    And the nonverbal feedback says "Pushing tissues across can say"
    And the timing feedback says "asks him to stop. The tears are the work"
    When I choose "timetable"
    Then the timing is rated poor
    And the flag "told_routine" is set
    When I choose "ring-him"
    Then the session ends in "polite-goodbye"
    And the critical item "risk_recheck" is missed
    And the overall score is at most 49

  Scenario: Stepping over 'better off without me', then going back to ask
    Given the scenario "therapist-retirement"
    When I play "lucky-you, stay, glad-to-leave"
    Then the practice is rated mixed
    And the critical item "risk_recheck" is missed
    And the flag "safety_checked" is not set
    When I choose "both"
    Then "go-back-risk" is offered
    And "follow-bowls" is offered
    When I choose "go-back-risk"
    Then the critical item "risk_recheck" is not missed
    And the tone feedback says "It is never too late in a session to ask."
    And I am at "good-lord"
    And "spare-part" is not offered
    When I choose "spare-late"
    Then I am at "supports"
    When I play "whats-stopping, rehearse, as-derek"
    Then the session ends in "new-chapter"

  Scenario: Last week's step in the right order, and a plan that stops short of rehearsal
    Given the scenario "therapist-retirement"
    When I play "lucky-you, stay, ask-better-off, spare-part, glad-too, both"
    And I choose "follow-bowls"
    Then the timing is rated good
    And the timing feedback says "Now is the time for last week's step."
    When I play "new-chap, whats-stopping, what-say"
    Then I am at "could-say"
    When I choose "see-how"
    Then the flag "rehearsed" is not set
    And the practice is rated poor
    And the session ends in "a-list"
    And the objective "rehearse" is not met
    And the objective "mourn" is met

  Scenario: Owning the rush after cheering him on, and a rehearsal that stays in role
    Given the scenario "therapist-retirement"
    When I play "cheer, repair"
    Then the alliance meter is 6
    And the flag "cheered" is not set
    And the practice is rated good
    And the tone feedback says "shows him honesty is allowed in this room"
    And I am at "staffroom"
    When I play "miss-most, ask-better-off, spare-part, glad-too, both, good-tuesday, whats-stopping, rehearse"
    And I choose "as-derek" in a calm tone with clock_glance
    Then the nonverbal is rated poor
    And the practice is rated good
    And the session ends in "new-chapter"
    And the objective "no-cheering" is met

  Scenario: Giving him the words instead of letting him find his own
    Given the scenario "therapist-retirement"
    When I play "lucky-you, stay, ask-better-off, relief-move"
    Then the tone is rated mixed
    And the timing is rated poor
    When I play "sick-role, whats-stopping, rehearse, script-it"
    Then the practice is rated poor
    And the practice feedback says "Your words, not his"
    And the timing is rated poor
    And the nonverbal is rated mixed
    And the session ends in "a-list"
