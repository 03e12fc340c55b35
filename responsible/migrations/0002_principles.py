"""Reference data: the five principles of the UNICRI–INTERPOL Toolkit for Responsible AI
Innovation in Law Enforcement and their sub-principles, with the portal's own questions.

A frozen copy of ``fixtures/responsible_principles.json`` as it was when this migration was
written (source: https://unicri.org/topics/Toolkit-Responsible-AI-for-Law-Enforcement-INTERPOL-UNICRI).
Loading is idempotent (update or create by slug).
"""

from django.db import migrations

PRINCIPLES = [{'slug': 'lawfulness',
  'name': 'Lawfulness',
  'description': 'The use rests on a legal basis, serves a legitimate aim, and goes no '
                 'further than that aim needs.',
  'sub_principles': [{'slug': 'legitimacy',
                      'name': 'Legitimacy',
                      'description': "The use serves a lawful purpose within the agency's "
                                     'mandate.',
                      'question': 'Which lawful purpose of your agency does this use serve, '
                                  'and which power or mandate allows it?',
                      'course_topics': ['responsible_ai']},
                     {'slug': 'necessity',
                      'name': 'Necessity',
                      'description': 'The aim cannot reasonably be reached by a less '
                                     'intrusive means.',
                      'question': 'What happens to the case backlog without this tool? Could '
                                  'a less intrusive method reach the same result?',
                      'course_topics': ['responsible_ai', 'triage']},
                     {'slug': 'proportionality',
                      'name': 'Proportionality',
                      'description': 'What the use intrudes on is in proportion to what it '
                                     'achieves.',
                      'question': 'Is the intrusion on the people whose data the tool reads '
                                  'in proportion to what the investigation gains?',
                      'course_topics': ['responsible_ai']}]},
 {'slug': 'minimisation-of-harm',
  'name': 'Minimisation of harm',
  'description': 'The system does its job without hurting the people who use it or are '
                 'affected by it.',
  'sub_principles': [{'slug': 'well-being',
                      'name': 'Well-being',
                      'description': 'The use protects the mental health of staff and the '
                                     'dignity of people depicted.',
                      'question': 'How much abusive material will analysts still have to see, '
                                  'and what support do they get?',
                      'course_topics': ['wellbeing']},
                     {'slug': 'robustness-safety',
                      'name': 'Robustness and safety',
                      'description': 'The system keeps working, fails safely and resists '
                                     'attack.',
                      'question': 'What happens when the tool fails, is attacked, or meets '
                                  'data unlike the data it was built on?',
                      'course_topics': ['ai_literacy', 'digital_forensics']},
                     {'slug': 'accuracy',
                      'name': 'Accuracy',
                      'description': 'Results are correct often enough for the decisions they '
                                     "feed, on data like the agency's.",
                      'question': 'How often does it miss or wrongly flag material on data '
                                  'like yours, and who measured that?',
                      'course_topics': ['ai_literacy', 'tool_training']},
                     {'slug': 'efficiency',
                      'name': 'Efficiency',
                      'description': 'The gain is worth the money, time and skills the system '
                                     'costs.',
                      'question': 'How much analyst time does it save on your own cases, and '
                                  'what does it cost to run?',
                      'course_topics': ['triage', 'tool_training']}]},
 {'slug': 'human-autonomy',
  'name': 'Human autonomy',
  'description': 'People stay in charge of decisions, and their private lives are respected.',
  'sub_principles': [{'slug': 'privacy',
                      'name': 'Privacy',
                      'description': 'Personal data is processed only as far as needed, '
                                     'securely, and for a set time.',
                      'question': 'Whose personal data does the tool process, where is it '
                                  'stored, and for how long?',
                      'course_topics': ['responsible_ai']},
                     {'slug': 'human-control',
                      'name': 'Human control',
                      'description': 'A person checks results and can stop or overrule the '
                                     'system.',
                      'question': 'Who reviews each match before it becomes evidence?',
                      'course_topics': ['responsible_ai', 'ai_literacy']},
                     {'slug': 'human-agency',
                      'name': 'Human agency',
                      'description': 'Staff can make and record their own judgement, not '
                                     'merely follow the system.',
                      'question': "Can an investigator disagree with the tool's result, and "
                                  'is that easy to record?',
                      'course_topics': ['ai_literacy']},
                     {'slug': 'transparency-explainability',
                      'name': 'Transparency and explainability',
                      'description': 'The agency can say that the system was used and explain '
                                     'how it reached a result.',
                      'question': 'Can you explain to a prosecutor or a court how the tool '
                                  'reached a result?',
                      'course_topics': ['ai_literacy', 'digital_forensics']}]},
 {'slug': 'fairness',
  'name': 'Fairness',
  'description': 'The system treats people equally and those it affects can challenge it.',
  'sub_principles': [{'slug': 'diversity-accessibility',
                      'name': 'Diversity and accessibility',
                      'description': 'The system works for the people, languages and formats '
                                     'the agency meets.',
                      'question': 'Does it work for the languages, skin tones, ages and file '
                                  'formats in your caseload?',
                      'course_topics': ['responsible_ai']},
                     {'slug': 'non-discrimination',
                      'name': 'Non-discrimination',
                      'description': 'Errors do not fall more on some groups of people than '
                                     'on others.',
                      'question': 'Has anyone tested whether its error rates differ across '
                                  'groups of people?',
                      'course_topics': ['responsible_ai', 'ai_literacy']},
                     {'slug': 'protection-of-vulnerable-groups',
                      'name': 'Protection of vulnerable groups',
                      'description': 'Children and other vulnerable people get particular '
                                     'care.',
                      'question': 'How does this use protect the children depicted and other '
                                  'vulnerable people?',
                      'course_topics': ['victim_identification', 'responsible_ai']},
                     {'slug': 'contestability-redress',
                      'name': 'Contestability and redress',
                      'description': 'Someone affected by a wrong result can challenge it and '
                                     'have it corrected.',
                      'question': 'How can a person affected by a wrong result challenge it, '
                                  'and who corrects it?',
                      'course_topics': ['responsible_ai']}]},
 {'slug': 'good-governance',
  'name': 'Good governance',
  'description': 'Clear responsibility for the system, and records that let others check it.',
  'sub_principles': [{'slug': 'accountability',
                      'name': 'Accountability',
                      'description': 'Named people answer for the system and its use.',
                      'question': 'Who in your agency answers for this use, and who signs it '
                                  'off?',
                      'course_topics': ['responsible_ai']},
                     {'slug': 'traceability-auditability',
                      'name': 'Traceability and auditability',
                      'description': 'Inputs, results and human decisions are recorded so '
                                     'they can be checked later.',
                      'question': 'Are inputs, results and human decisions logged so that an '
                                  'auditor can retrace them?',
                      'course_topics': ['digital_forensics', 'responsible_ai']}]}]


def load(apps, schema_editor):
    Principle = apps.get_model("responsible", "Principle")
    SubPrinciple = apps.get_model("responsible", "SubPrinciple")
    position = 0
    for p_position, entry in enumerate(PRINCIPLES):
        principle, _ = Principle.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "description": entry["description"],
                "position": p_position,
            },
        )
        for sub in entry["sub_principles"]:
            SubPrinciple.objects.update_or_create(
                slug=sub["slug"],
                defaults={
                    "principle": principle,
                    "name": sub["name"],
                    "description": sub["description"],
                    "question": sub["question"],
                    "course_topics": sub["course_topics"],
                    "position": position,
                },
            )
            position += 1


class Migration(migrations.Migration):
    dependencies = [("responsible", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
