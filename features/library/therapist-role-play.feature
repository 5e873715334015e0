Feature: Here we go again: three takes and a swap of chairs (therapist-role-play)
  A real role play with Pauline, 68, about going back to choir: a too-soft first take, Roy
  played as she fears him, a debrief after every take, a swap of chairs in which she finds his
  fear, a last take with both in it, and a plan for the real conversation.

  Scenario: Three takes, each debriefed, a realistic Roy, a role reversal and a plan
    Given the scenario "therapist-role-play"
    When I play "set-scene, you-start"
    Then Pauline's charge is 4
    And I am at "take1"
    When I choose "step-out-1"
    Then the practice is rated good
    And the flag "debrief1" is set
    When I choose "what-asking"
    Then the tone feedback says "asked for the direct version underneath the hedges"
    When I play "set-up-hard, here-we-go"
    Then the tone is rated good
    And the tone feedback says "Roy as he really sounds"
    And the charge is rated good
    And Pauline's charge is 7
    And the flag "hard_roy" is set
    And I am at "take2"
    When I choose "step-out-2"
    Then the practice is rated good
    And the flag "debrief2" is set
    When I play "small-wrong, swap-chairs"
    Then the flag "reversed" is set
    When I play "model-both, stay-with"
    Then the flag "debrief_rev" is set
    And the tone feedback says "asked about what she found"
    When I play "take-three, roy-grumbles, plan-real, review-next"
    Then the session ends in "rehearsed-ending"
    And the objective "debriefs" is met
    And the objective "hard-roy" is met
    And the objective "reversal" is met
    And the objective "plan" is met
    And the overall score is 100

  Scenario: Roy played as a monster floods her; dropping the role stops it in time
    Given the scenario "therapist-role-play"
    When I play "set-scene, you-start, step-out-1, what-asking, set-up-hard, monster-roy"
    Then the tone is rated poor
    And the practice is rated poor
    And the practice feedback says "Playing Roy as a monster overwhelms her"
    And the charge is rated poor
    And the charge feedback says "flooding at 8"
    And I am at "flooded"
    When I choose "drop-role"
    Then the practice is rated good
    And the charge feedback says "Flooding doesn't vanish in a sentence."
    And Pauline's charge is 7
    And the session ends in "stopped-in-time"
    And the objective "reversal" is not met

  Scenario: The right Roy line, played with a hostile voice
    Given the scenario "therapist-role-play"
    When I play "set-scene, you-start, step-out-1, what-asking, set-up-hard"
    And I choose "here-we-go" in a hostile tone with raised_voice
    Then the tone is rated poor
    And the nonverbal is rated poor
    And Pauline's charge is 8
    And I am at "flooded"
    When I choose "push-through"
    Then the practice feedback says "A flooded person can't learn anything new."
    And the session ends in "flooded-out"

  Scenario: An easy Roy, then hoping the real one will surprise her
    Given the scenario "therapist-role-play"
    When I play "set-scene, you-start, easy-roy"
    Then the practice is rated poor
    And the practice feedback says "An easy Roy teaches her nothing about the Roy she fears."
    And I am at "too-easy"
    When I choose "maybe-surprise"
    Then the timing is rated poor
    And the session ends in "no-rehearsal"
    And the objective "hard-roy" is not met

  Scenario: A mark for the first take, coaching before debriefing, and praise for a sharp line
    Given the scenario "therapist-role-play"
    When I play "set-scene, you-start, critique-1"
    Then the practice is rated poor
    And the nonverbal is rated mixed
    And the practice feedback says "turns a rehearsal into a test"
    And I am at "deflated"
    When I choose "firmer-1"
    Then I am at "louder"
    When I choose "yes-that"
    Then the practice feedback says "Firm isn't the same as sharp."
    And the session ends in "sharp"
    And the objective "debriefs" is not met

  Scenario: A detour into her father, and the repair back to Roy
    Given the scenario "therapist-role-play"
    When I play "set-scene, you-start, step-out-1, what-asking, set-up-hard, here-we-go, step-out-2, your-father"
    Then the practice is rated poor
    And the practice feedback says "Going back to childhood leaves the current dispute."
    And I am at "off-track"
    When I choose "back-to-roy"
    Then the practice is rated good
    And I am at "heard"

  Scenario: Telling her what Roy means instead of letting her find it, then stopping at the insight
    Given the scenario "therapist-role-play"
    When I play "set-scene, you-start, step-out-1, what-asking, set-up-hard, here-we-go, step-out-2, small-wrong, tell-meaning"
    Then the practice feedback says "she will either argue with it or borrow it"
    And I am at "borrowed"
    When I play "swap-now, model-both, stay-with, leave-there"
    Then the practice is rated poor
    And the session ends in "insight-no-practice"
    And the objective "plan" is not met
