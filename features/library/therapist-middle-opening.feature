Feature: Sparkling water (therapist-middle-opening)
  A middle session with Leah opened with 'How have you been since we last met?': risk re-checked
  at 'what's the point', the jump in her score tied to Saturday's party, the incident taken
  apart, and the agreed focus held when she drifts to work.

  Scenario: The opening question, a re-check, one incident analysed, the focus held and the promise kept
    Given the scenario "therapist-middle-opening"
    When I choose "since-last"
    Then the practice is rated good
    And the flag "opened_well" is set
    When I choose "recheck"
    Then the tone is rated good
    And the tone feedback says "makes it routine rather than alarming"
    When I choose "link-mood"
    Then the flag "linked_week" is set
    When I play "what-said, what-meant"
    Then the tone feedback says "'Fine' was a silence that closed the conversation"
    And Leah's charge is 6
    When I choose "stay-feel"
    Then Leah's charge is 7
    And the charge is rated good
    When I choose "hold-focus"
    Then the flag "held_focus" is set
    And Leah's charge is 6
    When I play "expectations-ask, side-by-side, role-play, debrief"
    Then the flag "rehearsed" is set
    When I choose "keep-promise"
    Then the session ends in "renegotiating"
    And the critical item "risk_recheck" is not missed
    And the objective "focus" is met
    And the overall score is 100

  Scenario: Cheering her up at 'what's the point', then following the drift to work
    Given the scenario "therapist-middle-opening"
    When I play "since-last, pep"
    Then the tone is rated mixed
    And the practice feedback says "needs a plain question about safety before anything else"
    And I am at "saturday"
    When I play "what-said, what-meant, stay-feel"
    Then I am at "drift"
    And "late-check" is offered
    When I choose "follow"
    Then the practice is rated poor
    And the practice feedback says "Saturday is the agreed focus"
    And the session ends in "work-instead"
    And the critical item "risk_recheck" is missed
    And the overall score is 49

  Scenario: Going back to 'what's the point' at the drift clears the miss
    Given the scenario "therapist-middle-opening"
    When I play "since-last, link-first"
    Then the practice is rated mixed
    And the flag "linked_week" is set
    When I play "what-said, what-meant, stay-feel"
    And I choose "late-check"
    Then the tone feedback says "Going back is always allowed"
    And I am at "late-answer"
    When I play "hold-late, expectations-ask, side-by-side, role-play, debrief, keep-promise"
    Then the session ends in "renegotiating"
    And the critical item "risk_recheck" is not missed

  Scenario: An agenda first, a verdict on Joel, and a thought record instead of analysis
    Given the scenario "therapist-middle-opening"
    When I choose "agenda-first"
    Then the practice is rated poor
    And the practice feedback says "start with how she has been"
    When I play "how-been, recheck, link-mood"
    And I choose "judge-joel"
    Then the practice feedback says "Siding against Joel is a judgement, not communication analysis"
    And I am at "defends-joel"
    When I choose "repair-ca"
    Then the flag "analysed_said" is set
    When I choose "thought"
    Then the practice feedback says "Hunting for the automatic thought is cognitive therapy"
    And I am at "wanted"
    When I play "fix-now, refuse, script, perfect, skip-work"
    Then the session ends in "untested"
    And the objective "analysis" is not met
    And the objective "renegotiate" is not met

  Scenario: Suggesting she leave him
    Given the scenario "therapist-middle-opening"
    When I play "since-last, recheck, link-mood, what-said, what-meant, stay-feel, hold-focus"
    And I choose "leave"
    Then the practice feedback says "Nothing she has said suggests dissolution"
    And Leah's charge is 7
    And I am at "leave-reply"
    When I choose "press-leave"
    Then the session ends in "sided"

  Scenario: An easy Joel rehearses nothing
    Given the scenario "therapist-middle-opening"
    When I play "since-last, recheck, link-mood, what-said, what-meant, stay-feel, hold-focus, expectations-ask, side-by-side"
    And I choose "easy-joel"
    Then the practice feedback says "Play the reply she fears"
    When I choose "keep-promise"
    Then the session ends in "untested"
    And the objective "renegotiate" is not met

  Scenario: The re-check asked hedged, and notes or tissues while she holds back tears
    Given the scenario "therapist-middle-opening"
    When I choose "since-last"
    And I choose "recheck" in a tentative tone
    Then the tone is rated mixed
    And the tone feedback says "sound optional"
    When I play "link-mood, what-said, what-meant"
    And I choose "stay-feel" in a tentative tone with offer_tissues
    Then the nonverbal is rated mixed
    And the nonverbal feedback says "stop crying"
    And Leah's charge is 8
    And the charge is rated poor
