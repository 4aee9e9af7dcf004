/**
 * `examdrill pack new DIR`: a small valid pack to start from. Every field is explained in a
 * comment, and a `yaml-language-server` line points editors at the pack's JSON Schema (written
 * into the pack as .schema/pack.schema.json, which the loader skips), so they complete and check.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { packJsonSchema } from '../../domain/pack/json-schema.js';
import { ID_PATTERN } from '../../domain/pack/schema.js';
import type { CommandContext } from '../command-table.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';

export async function runPackNew({ io, args }: CommandContext): Promise<number> {
  const dir = resolve(io.cwd, args.positionals[0]!);
  const id = (args.options.id as string | undefined) ?? slug(basename(dir));
  if (!ID_PATTERN.test(id)) throw new UserError(`"${id}" is not a valid pack id`, 'Use lowercase letters, digits and hyphens, e.g. --id my-pack');
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new UserError(`${args.positionals[0]} already exists and is not empty`, 'Choose a new folder name; nothing was written.');
  }
  mkdirSync(join(dir, 'items'), { recursive: true });
  mkdirSync(join(dir, '.schema'), { recursive: true });
  writeFileSync(join(dir, '.schema', 'pack.schema.json'), `${JSON.stringify(packJsonSchema(), null, 2)}\n`);
  writeFileSync(join(dir, 'pack.yaml'), manifestTemplate(id));
  writeFileSync(join(dir, 'items', 'basics.yaml'), itemsTemplate());
  writeFileSync(join(dir, 'items', 'question-types.yaml'), typesTemplate());
  writeLine(io.stdout, `Created the pack ${id} in ${dir}:`);
  writeLine(io.stdout, '  pack.yaml           identity, domains, topics, mock-exam blueprint');
  writeLine(io.stdout, '  items/basics.yaml   one card and two questions to copy from');
  writeLine(io.stdout, '  items/question-types.yaml   one question of every other type');
  writeLine(io.stdout, `Next: edit them, then run: examdrill pack lint ${args.positionals[0]}`);
  return 0;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'my-pack';
}

function manifestTemplate(id: string): string {
  return `# yaml-language-server: $schema=.schema/pack.schema.json
# The pack's identity and its mock-exam blueprint. See docs/content-packs.md.
format: 1                    # the pack format version; this program reads format 1
id: ${id}${' '.repeat(Math.max(1, 21 - id.length))}# lowercase letters, digits, hyphens; never change it (progress is keyed by it)
title: My certification pack # shown to learners
version: 0.1.0               # semver; raise it when you publish changes
description: >-
  One paragraph shown in the pack list.
authors: [Your Name]         # optional
license: CC-BY-4.0           # optional
domains:                     # the exam's domains; weights are % of a mock exam (normalised)
  - id: core
    title: Core concepts
    weight: 60
  - id: operations
    title: Operations
    weight: 40
topics:                      # finer subjects; each belongs to one domain
  - id: basics
    title: The basics
    domain: core
  - id: running
    title: Running it
    domain: operations
exam:                        # optional; these are the defaults
  questions: 75              # per mock exam (capped at the pool size, with a warning)
  minutes: 180
  passingScore: 750          # on the scaled 100-1000 score
`;
}

function itemsTemplate(): string {
  return `# yaml-language-server: $schema=../.schema/pack.schema.json
# An item file: any *.yaml next to pack.yaml or in sub-folders. Names starting with . or _ are skipped (drafts).
topic: basics                # default topic for every item in this file
cards:
  - id: basics-c-first       # unique in the pack and stable forever: edit text freely, never ids
    front: What does a **flashcard** front hold?
    back: |
      A question or prompt. The back holds the answer, in *Markdown-lite*:
      **bold**, *emphasis*, \`code\`, fenced code blocks and - lists.
    refs: [https://example.com/docs/flashcards]   # optional; https links only
    # siblings: [basics-q-same-fact]   # optional: items teaching the same fact; study shows one of them a day
questions:
  - id: basics-q-single
    difficulty: 1            # optional: 1 recall .. 3 multi-step scenario
    stem: |
      A team wants learners to practise under exam conditions.
      Which mode should they use?
    options:                 # 2 to 8; exactly one correct: single-answer
      - text: The timed mock exam.
        correct: true
        why: It follows the blueprint, runs a clock and scores like the real exam.
      - text: A flashcard review session.
        why: Reviews build recall but have no clock and no scoring.
      - text: An untimed practice quiz.
        why: Quizzes give feedback after each answer, unlike the real exam.
      - text: The statistics screen.
        why: Statistics report progress; they ask no questions.
    explanation: The exam mode mirrors the real exam's length, time and scoring.
    refs: [https://example.com/docs/exam]
  - id: basics-q-multi
    topic: running           # overrides the file's topic
    stem: Which two keys does every option accept? (Choose two.)
    options:                 # two or more correct: multiple-response, scored only as the exact set
      - text: text
        correct: true
        why: The option's words, shown to the learner.
      - text: why
        correct: true
        why: The reason, shown after answering (lint warns when it is missing).
      - text: hint
        why: There is no such key; an unknown key is an error.
      - text: score
        why: Scoring is by the exact set of correct options, not per option.
      - text: points
        why: There is no such key; partial credit is \`weight\`, in percent (quizzes show it, exams never give it).
    refs: [https://example.com/docs/options]
`;
}

function typesTemplate(): string {
  return `# yaml-language-server: $schema=../.schema/pack.schema.json
# One question of each type besides choice (see docs/content-packs.md, "Question types").
topic: running
questions:
  - id: running-q-true-false
    type: true-false
    stem: A mock exam shows whether each answer was right before the end.
    answer: false
    whyTrue: It does not; as in the real exam, feedback waits for the report.
    whyFalse: Right, the exam gives no feedback until it is submitted.
  - id: running-q-short-answer
    type: short-answer
    stem: Which command checks a pack for errors? Type it without \`examdrill\`.
    answers: [pack validate, "*validate"]   # trimmed, case-insensitive; * matches anything
    why: The command \`examdrill pack validate DIR\` reports every problem with its file, line and column.
  - id: running-q-numerical
    type: numerical
    stem: How many minutes does a mock exam take by default?
    answer: 180
    tolerance: 0             # or give range: {min: 170, max: 190} instead of answer
    why: The blueprint's default is 180 minutes.
  - id: running-q-matching
    type: matching
    stem: Match each mode with what it does.
    pairs:                   # 2 to 10; shown shuffled; scored per pair
      - left: study
        right: Reviews what is due, with spaced repetition
      - left: quiz
        right: Practice questions with feedback after each
      - left: exam
        right: A timed mock exam scored at the end
    distractors: [Imports a GIFT file]   # optional right items that match no left item
  - id: running-q-ordering
    type: ordering
    stem: Put the steps of publishing a pack in order.
    steps:                   # 3 to 10, written in the right order; shown shuffled
      - Write the items
      - Run pack lint
      - Raise the version
      - Publish the folder
  - id: running-q-case-study
    type: case-study
    stem: |
      A team writes a pack for a new exam. They have 40 questions and the blueprint asks for 75.
    parts:                   # 2 to 6 questions of any other type, without id, topic or refs
      - type: true-false
        stem: A mock exam then holds 40 questions, with a warning.
        answer: true
        whyTrue: The exam is capped at the pool size and says so.
      - stem: What should the team do first?
        options:
          - text: Write more questions for the domains with the fewest.
            correct: true
          - text: Lower the passing score.
`;
}
