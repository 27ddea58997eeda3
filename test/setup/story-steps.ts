/**
 * The e2e project's describes are stories: each test is a step that builds on the chain, index and pages the steps
 * before it left (an edition created, then collected, then distributed). Once a step fails, the later steps of the same
 * describe are skipped, with that reason, instead of each waiting out the step limit for state that will never come:
 * in CI one failed first step of the editions story cost seven more ten-minute waits (79 minutes in all). The failed
 * step still fails the run; describes after it in the file run as usual.
 */
import { afterEach, beforeEach } from 'vitest';

const failedStories = new Set<string>();

afterEach((context) => {
  const story = context.task.suite;
  if (story && context.task.result?.state === 'fail') failedStories.add(story.id);
});

beforeEach((context) => {
  const story = context.task.suite;
  if (story && failedStories.has(story.id)) context.skip('an earlier step of this story failed');
});
