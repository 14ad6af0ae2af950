import { describe, expect, it } from "vitest";
import { buildPolisVoteMatrix, comparePolisIds, parsePolisComments, parsePolisParticipantsVotes, parsePolisSummary, parsePolisVotes } from "./polis-csv";

const comments = [
  "timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,is-seed,group-informed-consensus,comment-body",
  '1,2,0,5,1,1,false,true,0.25,"Keep it, ""simple""\nplease"',
  "2,10,3,0,0,-1,false,false,0.5,rejected",
  "3,1,3,0,0,1,true,false,,meta",
  "4,3,3,0,0,0,false,false,0.125,unmoderated",
].join("\n");

describe("parsePolisComments", () => {
  it("reads ids, moderation, is-meta, group-informed-consensus and multi-line quoted bodies", () => {
    const parsed = parsePolisComments(comments);
    expect(parsed.map((c) => [c.id, c.moderated, c.isMeta, c.groupInformedConsensus])).toEqual([
      ["2", 1, false, 0.25],
      ["10", -1, false, 0.5],
      ["1", 1, true, null],
      ["3", 0, false, 0.125],
    ]);
    expect(parsed[0]?.body).toBe('Keep it, "simple"\nplease');
  });

  it("rejects a missing column or a bad moderation value", () => {
    expect(() => parsePolisComments("id,body\n1,x")).toThrow(/missing column "comment-id"/);
    expect(() => parsePolisComments("comment-id,moderated\n1,2")).toThrow(/moderated must be/);
    expect(() => parsePolisComments("")).toThrow(/header/);
  });
});

describe("parsePolisVotes", () => {
  it("reads vote events in file order", () => {
    const votes = parsePolisVotes("timestamp,datetime,comment-id,voter-id,vote\n10,\"Mon, 1 Jan\",2,7,-1\n11,x,2,7,1\n");
    expect(votes).toEqual([
      { participantId: "7", statementId: "2", timestamp: 10, vote: -1 },
      { participantId: "7", statementId: "2", timestamp: 11, vote: 1 },
    ]);
    expect(() => parsePolisVotes("timestamp,comment-id,voter-id,vote\n1,2,3,5")).toThrow(/vote must be/);
    expect(() => parsePolisVotes("timestamp,comment-id,voter-id,vote\nsoon,2,3,1")).toThrow(/timestamp/);
  });
});

describe("parsePolisParticipantsVotes", () => {
  it("reads the matrix after n-disagree, the group-ids, and orders participants by id", () => {
    const text = ["participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,3", "10,,1,0,2,1,1,1,,-1", "2,x,,0,1,0,0,,0,", "9,,0,0,0,0,0,,,"].join("\n");
    const pv = parsePolisParticipantsVotes(text);
    expect(pv.matrix.participantIds).toEqual(["2", "9", "10"]);
    expect(pv.groupIds).toEqual([null, "0", "1"]);
    expect(pv.matrix.statementIds).toEqual(["0", "1", "3"]);
    expect(Array.from(pv.matrix.rowStart)).toEqual([0, 1, 1, 3]);
    expect(Array.from(pv.matrix.columns)).toEqual([1, 0, 2]);
    expect(Array.from(pv.matrix.votes)).toEqual([0, 1, -1]);
    expect(() => parsePolisParticipantsVotes("participant,n-disagree,0\n1,0,yes")).toThrow(/vote must be/);
  });
});

describe("parsePolisSummary", () => {
  it("reads key,value rows with multi-line values and the number of groups", () => {
    const summary = parsePolisSummary('topic,"A, B"\ngroups,3\nconversation-description,"line 1\n\nline 2"\n');
    expect(summary.groups).toBe(3);
    expect(summary.values["conversation-description"]).toBe("line 1\n\nline 2");
    expect(parsePolisSummary("topic,x").groups).toBeNull();
  });
});

describe("buildPolisVoteMatrix", () => {
  const parsedComments = parsePolisComments(comments);

  it("keeps the latest vote, unions statements ordered by id, and excludes rejected and meta comments", () => {
    const votes = parsePolisVotes(["timestamp,comment-id,voter-id,vote", "5,2,1,1", "4,2,1,-1", "1,7,0,0", "1,10,0,1"].join("\n"));
    const matrix = buildPolisVoteMatrix({ comments: parsedComments, votes });
    expect(matrix.statementIds).toEqual(["1", "2", "3", "7", "10"]);
    expect(Array.from(matrix.excluded)).toEqual([1, 0, 0, 0, 1]);
    expect(matrix.participantIds).toEqual(["0", "1"]);
    expect(Array.from(matrix.votes)).toEqual([0, 1, 1]);
  });

  it("falls back to participants-votes.csv, renumbering its columns into the statement order", () => {
    const pv = parsePolisParticipantsVotes(["participant,group-id,n-disagree,3,2", "0,,0,1,-1"].join("\n"));
    const matrix = buildPolisVoteMatrix({ comments: parsedComments, participantsVotes: pv });
    expect(matrix.statementIds).toEqual(["1", "2", "3", "10"]);
    expect(Array.from(matrix.columns)).toEqual([1, 2]);
    expect(Array.from(matrix.votes)).toEqual([-1, 1]);
  });

  it("needs votes or participants-votes", () => {
    expect(() => buildPolisVoteMatrix({ comments: parsedComments })).toThrow(/votes.csv or participants-votes.csv/);
  });
});

describe("comparePolisIds", () => {
  it("orders integers numerically, before other ids", () => {
    expect(["10", "b", "2", "a", "-1"].sort(comparePolisIds)).toEqual(["-1", "2", "10", "a", "b"]);
  });
});
