Feature: He reads my messages anyway (therapist-partner-dissolution)
  Owen arrives decided to leave his husband Mark and asks to rehearse telling him. A trainee
  screens for coercive control and safety first, one question at a time; names it when he has
  told it; asks about suicide; makes a specialist safety plan the next step instead of a role
  play with Mark; then helps him mourn the marriage he hoped for, weigh the decision, practise
  telling Kai, and find support. Skipping the screen or the safety plan caps the session.

  Scenario: Screen first, name it, ask about suicide, a specialist plan, then the dissolution work
    Given the scenario "therapist-partner-dissolution"
    When I choose "screen-first"
    Then the practice is rated good
    And the tone feedback says "put safety first"
    When I choose "ask-fear"
    Then the tone feedback says "this happens between men too"
    When I play "reflect-threats, kai-safety"
    Then the flag "screened" is set
    And I am at "would-do"
    When I choose "name-it"
    Then the tone is rated good
    And the flag "named_cc" is set
    When I choose "stay-with-him"
    Then the charge is rated good
    And Owen's charge is 7
    When I play "ask-self, into-safety"
    Then the flag "self_checked" is set
    When I choose "specialist"
    Then the flag "safety_planned" is set
    And the tone feedback says "open about safeguarding"
    When I play "mourn, weigh, practise-kai, as-kai, how-felt-kai, build-support"
    Then the session ends in "safe-exit-ending"
    And the critical item "risk_recheck" is not missed
    And the objective "screen" is met
    And the objective "safety" is met
    And the objective "children" is met
    And the overall score is 100

  Scenario: Straight into a rehearsal of telling Mark
    Given the scenario "therapist-partner-dissolution"
    When I choose "role-play-now"
    Then the practice is rated poor
    And the practice feedback says "a role play with a controlling partner is not the next step"
    And the critical item "risk_recheck" is missed
    And I am at "role-play-mark"
    When I choose "keep-going"
    Then the session ends in "unsafe-rehearsal"
    And the objective "screen" is not met
    And the overall score is at most 49

  Scenario: Stopping the rehearsal to screen repairs the miss, but the screen came late
    Given the scenario "therapist-partner-dissolution"
    When I play "role-play-now, stop-and-screen"
    Then the timing is rated good
    And the timing feedback says "stopping the rehearsal to ask is exactly right"
    And the critical item "risk_recheck" is not missed
    And I am at "afraid"
    When I play "reflect-threats, kai-safety, name-it, stay-with-him, ask-self, into-safety, specialist, mourn, weigh, practise-kai, as-kai, how-felt-kai, build-support"
    Then the session ends in "screened-late-ending"
    And the objective "screen" is not met

  Scenario: A checklist read at speed gets one answer; going back to one question at a time
    Given the scenario "therapist-partner-dissolution"
    When I play "screen-first, all-at-once"
    Then the practice is rated poor
    And the practice feedback says "Five questions in a row let him answer the last and skip the rest."
    And the nonverbal is rated poor
    And the nonverbal feedback says "lands as being watched again"
    And I am at "kai-only"
    When I choose "one-at-a-time"
    Then I am at "afraid"
    And the critical item "risk_recheck" is not missed

  Scenario: The right word too early, then insisting on it
    Given the scenario "therapist-partner-dissolution"
    When I play "screen-first, ask-fear, label-now"
    Then the practice is rated mixed
    And the practice feedback says "a verdict before he has finished can make him defend Mark"
    And I am at "defends-mark"
    When I choose "insist-label"
    Then the charge is rated poor
    And the session ends in "closed-down"
    And the critical item "risk_recheck" is missed
    And the overall score is at most 49

  Scenario: Going straight to the plan past 'easier if I wasn't here'
    Given the scenario "therapist-partner-dissolution"
    When I play "screen-first, ask-fear, reflect-threats, kai-safety, name-it, stay-with-him, straight-to-plan"
    Then the practice is rated poor
    And the practice feedback says "'Easier if I wasn't here' is a risk cue."
    When I play "specialist, mourn, weigh, practise-kai, as-kai, how-felt-kai, build-support"
    Then the session ends in "missed-check"
    And the critical item "risk_recheck" is missed
    And the objective "self" is not met
    And the overall score is 49

  Scenario: A joint session offered after the disclosure
    Given the scenario "therapist-partner-dissolution"
    When I play "screen-first, ask-fear, reflect-threats, kai-safety, name-it, stay-with-him, ask-self, into-safety, joint-session"
    Then the practice feedback says "Joint sessions are unsafe where there is coercive control"
    And the session ends in "joint-session-ending"
    And the critical item "risk_recheck" is missed
    And the overall score is 49

  Scenario: Pressing for the worst details overwhelms him; the minimum safety plan before he goes
    Given the scenario "therapist-partner-dissolution"
    When I play "screen-first, ask-fear, reflect-threats, kai-safety, name-it, push-detail"
    Then the practice is rated poor
    And the practice feedback says "a specialist service will take the fuller history"
    And I am at "overwhelmed"
    When I choose "give-room"
    Then I am at "settling"
    And "ask-self-late" is not offered
    When I choose "interim-plan"
    Then the session ends in "paused-ending"

  Scenario: The suicide question asked in a neutral voice with a glance at the clock
    Given the scenario "therapist-partner-dissolution"
    When I play "screen-first, ask-fear, reflect-threats, kai-safety, name-it, stay-with-him"
    And I choose "ask-self" in a neutral tone with clock_glance
    Then the nonverbal is rated poor
    And the practice is rated good
    And I am at "overwhelmed"
    When I choose "give-room"
    Then "ask-self-late" is offered
    When I choose "ask-self-late"
    Then the flag "self_checked" is set
    When I choose "interim-plan"
    Then the session ends in "paused-ending"
    And the critical item "risk_recheck" is not missed
