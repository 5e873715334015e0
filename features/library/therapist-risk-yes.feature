Feature: The tin in the shed (therapist-risk-yes)
  A trainee hears 'not like that', asks about passive wishes, and Ravi says yes: a plan, a store
  of tablets and a date. The risk is assessed in full, a safety plan is made with him, a same-day
  review is agreed openly, and the IPT frame is kept. Skipping any part of the risk work caps
  the session.

  Scenario: The passive-wish question, a full assessment, a plan made with him, and the frame kept
    Given the scenario "therapist-risk-yes"
    When I choose "item-nine"
    Then the tone is rated good
    And the practice is rated good
    And Ravi's charge is 4
    When I choose "passive"
    Then the tone feedback says "Naming passive wishes shows him they are common and speakable"
    And the flag "asked_passive" is set
    And Ravi's charge is 5
    When I play "thank-plan, how-close"
    Then I am at "the-shed"
    And Ravi's charge is 6
    And the charge is rated good
    When I play "past, what-holds, build-plan, what-helps, people-and-pros"
    Then the flag "plan_signs" is set
    And the flag "plan_people" is set
    When I choose "means-together"
    Then the tone feedback says "means restriction done with someone, not to them"
    And the flag "means_agreed" is set
    When I choose "same-day"
    Then the tone is rated good
    And the flag "escalated_openly" is set
    When I play "honest, link"
    Then the session ends in "seen"
    And the critical item "risk_assessment" is not missed
    And the objective "ipt-frame" is met
    And the practice score is 100
    And the overall score is 100

  Scenario: Taking 'not like that' as a no, then solving the care hours
    Given the scenario "therapist-risk-yes"
    When I play "item-nine, accept"
    Then the timing is rated poor
    And the practice is rated poor
    And the practice feedback says "'Not like that' is a hedge, not an answer"
    And I am at "the-week"
    When I choose "more-care"
    Then the timing feedback says "steps over the most important thing he has said"
    And the session ends in "unasked"
    And the critical item "risk_assessment" is missed
    And the objective "passive-wish" is not met
    And the overall score is 49

  Scenario: Going back after 'me out of the way' repairs the miss
    Given the scenario "therapist-risk-yes"
    When I play "the-fall, go-back"
    Then the flag "asked_passive" is set
    And the tone feedback says "Going back is always allowed"
    And I am at "more"
    And the critical item "risk_assessment" is not missed

  Scenario: A full assessment and a plan, then 'let's see how the week goes'
    Given the scenario "therapist-risk-yes"
    When I play "item-nine, passive, thank-plan, how-close, past, what-holds, build-plan, what-helps, people-and-pros, means-together"
    Then the session has not ended
    When I choose "next-week"
    Then the tone is rated good
    And the practice is rated poor
    And the practice feedback says "waiting a week is not safe"
    And the session ends in "held-alone"
    And the critical item "risk_assessment" is missed
    And the objective "escalation" is not met
    And the overall score is 49

  Scenario: A promise instead of a plan
    Given the scenario "therapist-risk-yes"
    When I play "item-nine, passive, thank-plan, how-close, promise-ask"
    Then the practice feedback says "A promise is not a plan"
    And I am at "promise"
    When I choose "relieved"
    Then the session ends in "promised"
    And the overall score is 49

  Scenario: Alarm after the disclosure, a retraction, and a repair
    Given the scenario "therapist-risk-yes"
    When I play "item-nine, passive, alarm"
    Then the tone is rated poor
    And Ravi's charge is 7
    And the charge is rated poor
    And I am at "shut"
    When I choose "repair"
    Then the tone feedback says "You owned the rupture in a sentence"
    And I am at "the-14th"
    And the critical item "risk_assessment" is not missed

  Scenario: The right words, said hedged or written down while he cries
    Given the scenario "therapist-risk-yes"
    When I choose "item-nine"
    And I choose "passive" in a tentative tone
    Then the tone is rated mixed
    And the tone feedback says "sound optional"
    When I choose "thank-plan"
    And I choose "how-close" in a calm tone with note_taking
    Then the nonverbal is rated poor
    And the nonverbal feedback says "When words and body disagree, people believe the body"
    And Ravi's charge is 7
    And the charge is rated poor
